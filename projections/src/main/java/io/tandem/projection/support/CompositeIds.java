package io.tandem.projection.support;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

import java.time.Instant;

/**
 * Composite string {@code _id}s for list collections, so that one listing is one {@code _id} range
 * scan: the owner first, then fixed-width sort keys, then the item, joined by {@value #SEPARATOR_NAME}.
 * {@code |} would not do: user ids are arbitrary JWT subjects. Numbers are 19 digits, zero-padded, so
 * that string order is numeric order.
 */
public final class CompositeIds {

    public static final char SEPARATOR = '\u0001';
    static final String SEPARATOR_NAME = "U+0001";
    private static final char AFTER_SEPARATOR = '\u0002';

    private CompositeIds() {
    }

    public static String of(String... parts) {
        return String.join(String.valueOf(SEPARATOR), parts);
    }

    /** A time as a key that sorts the newest first: {@code Long.MAX_VALUE} minus epoch nanoseconds, 19 digits. */
    public static String newestFirst(Instant time) {
        return pad(Long.MAX_VALUE - Math.max(0, Cursors.timeKey(time)));
    }

    /** A time as a key that sorts the oldest first: epoch nanoseconds, 19 digits. */
    public static String oldestFirst(Instant time) {
        return pad(Math.max(0, Cursors.timeKey(time)));
    }

    private static String pad(long value) {
        return String.format("%019d", value);
    }

    /**
     * The filter of {@code owner}'s listing: every {@code _id} that starts with {@code owner} and the
     * separator, after {@code afterSuffix} (the rest of an {@code _id} of that listing) when it is not
     * null. A flat {@code {_id: {$gt/$gte, $lt}}}, which the embedded store walks as one key range.
     */
    public static Document listing(String owner, String afterSuffix) {
        String prefix = owner + SEPARATOR;
        Document range = afterSuffix == null ? new Document("$gte", prefix) : new Document("$gt", prefix + afterSuffix);
        return new Document("_id", range.append("$lt", owner + AFTER_SEPARATOR));
    }

    /** What follows {@code owner} and the separator in an {@code _id} of its listing. */
    public static String suffix(String owner, String id) {
        return id.substring(owner.length() + 1);
    }

    /** The opaque cursor of the item {@code id} in {@code owner}'s listing: the part of the id after the owner. */
    public static String cursor(String owner, String id) {
        return Cursors.encode(suffix(owner, id));
    }

    /**
     * The {@code afterSuffix} of {@link #listing} a cursor of {@link #cursor} names; null for no
     * cursor. Anything else (not one of ours) is a malformed request.
     */
    public static String afterCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        String suffix = Cursors.decode(cursor);
        if (suffix.indexOf(SEPARATOR) <= 0) {
            throw Cursors.malformed(cursor);
        }
        return suffix;
    }

    /**
     * How many documents match {@code filter}, counted by the server with the {@code count} command:
     * unlike {@code countDocuments} (an aggregation, which the embedded store runs as a full scan) it
     * uses the {@code _id} range of a {@link #listing} filter.
     */
    public static long count(MongoDatabase database, MongoCollection<Document> collection, Document filter) {
        Document answer = database.runCommand(new Document("count", collection.getNamespace().getCollectionName())
                .append("query", filter));
        return ((Number) answer.get("n")).longValue();
    }
}
