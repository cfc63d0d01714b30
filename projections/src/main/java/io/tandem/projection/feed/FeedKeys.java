package io.tandem.projection.feed;

import com.mongodb.client.model.Filters;
import io.tandem.projection.support.Cursors;
import org.bson.conversions.Bson;

import java.time.Instant;

/**
 * The composite {@code _id}s of the home-feed collections. Parts are separated by {@code \u0001}
 * (user ids are arbitrary JWT subjects, so no printable separator is safe) and times are inverted,
 * zero-padded to 19 digits, so that ascending key order is newest first and one owner's (or
 * author's) entries are one {@code _id} range: {@code [prefix \u0001, prefix \u0002)}.
 */
final class FeedKeys {

    static final String SEP = "\u0001";
    private static final String END = "\u0002";

    private FeedKeys() {
    }

    /** Newest first in key order: {@code Long.MAX_VALUE} minus the time in epoch nanoseconds, 19 digits. */
    static String inverted(Instant at) {
        return String.format("%019d", Long.MAX_VALUE - Cursors.timeKey(at));
    }

    /** A timeline entry, or an author's recent post: {@code prefix \u0001 inverted \u0001 postId}. */
    static String entry(String prefix, String inverted, String postId) {
        return prefix + SEP + inverted + SEP + postId;
    }

    /** The edge of {@code follower} to {@code followee}, grouped by followee so that fan-out is one range. */
    static String edge(String followee, String follower) {
        return followee + SEP + follower;
    }

    /**
     * Every key that starts with {@code prefix \u0001}. {@code field} must equal {@code prefix} too:
     * a user id that itself contains the separator cannot reach into another's range.
     */
    static Bson range(String prefix, String field) {
        return Filters.and(Filters.gte("_id", prefix + SEP), Filters.lt("_id", prefix + END), Filters.eq(field, prefix));
    }

    /** The keys of {@code prefix} after {@code key} (older entries), all of them if {@code key} is null. */
    static Bson after(String prefix, String field, String key) {
        Bson lower = key == null ? Filters.gte("_id", prefix + SEP) : Filters.gt("_id", key);
        return Filters.and(lower, Filters.lt("_id", prefix + END), Filters.eq(field, prefix));
    }

    static boolean belongsTo(String key, String prefix) {
        return key.startsWith(prefix + SEP);
    }
}
