package io.tandem.projection.support;

import com.mongodb.client.model.Filters;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import org.bson.conversions.Bson;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Opaque pagination cursors. A cursor names the last item a client saw by its sort key, so a page
 * boundary stays put when newer items arrive; it is base64 so clients do not build their own.
 */
public final class Cursors {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Cursors() {
    }

    public static String encode(String raw) {
        return ENCODER.encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor; anything that is not one of ours is a malformed request. */
    public static String decode(String cursor) {
        try {
            return new String(DECODER.decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed(cursor);
        }
    }

    /** A time as a sort key for {@link #keyed(long, String) keyed cursors}: epoch nanoseconds, so no precision is lost. */
    public static long timeKey(Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
    }

    /**
     * The cursor of an item in a newest-first listing sorted by a numeric key (a time in epoch
     * nanoseconds) descending, then by {@code _id} descending.
     */
    public static String keyed(long key, String id) {
        return encode(key + ":" + id);
    }

    /**
     * Matches the items that follow the {@link #keyed(long, String) keyed cursor} in that
     * newest-first listing: an older key, or the same key and a lower id.
     */
    public static Bson after(String keyField, String cursor) {
        String raw = decode(cursor);
        int separator = raw.indexOf(':');
        if (separator <= 0 || separator == raw.length() - 1) {
            throw malformed(cursor);
        }
        long key;
        try {
            key = Long.parseLong(raw.substring(0, separator));
        } catch (NumberFormatException e) {
            throw malformed(cursor);
        }
        String id = raw.substring(separator + 1);
        return Filters.or(Filters.lt(keyField, key), Filters.and(Filters.eq(keyField, key), Filters.lt("_id", id)));
    }

    public static TandemException malformed(String cursor) {
        return new TandemException(ErrorCode.MALFORMED_REQUEST, "'" + cursor + "' is not a valid cursor");
    }

    /** Clamps a requested page size: absent or non-positive means {@code defaultSize}, never above {@code maxSize}. */
    public static int pageSize(int requested, int defaultSize, int maxSize) {
        if (requested <= 0) {
            return defaultSize;
        }
        return Math.min(requested, maxSize);
    }
}
