package io.tandem.projection.support;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;

import java.nio.charset.StandardCharsets;
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
