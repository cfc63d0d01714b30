package io.tandem.projection.feed;

import io.tandem.projection.support.Cursors;

/**
 * The opaque cursor of a timeline entry: the entry's place in key order (inverted time, post id) and
 * its position, the number of entries before it when the client started paging. The position lets a
 * page stop at {@code tandem.feed.max-items} without counting the entries before it.
 * <p>
 * The cursor does not name the owner: a page always reads the caller's own timeline, so another
 * owner's cursor only says "older than this time" there, and one pushed {@link
 * io.tandem.contracts.feed.FeedEntry} serves every subscriber who got the post. Cursors of the earlier
 * form ({@code owner \u0001 inverted \u0001 postId}, issued before the position existed) are refused as
 * malformed: the client starts again from the first page.
 */
record FeedCursor(int position, String inverted, String postId) {

    private static final String VERSION = "f2";
    private static final int INVERTED_DIGITS = 19;

    String encode() {
        return Cursors.encode(VERSION + FeedKeys.SEP + position + FeedKeys.SEP + inverted + FeedKeys.SEP + postId);
    }

    /** The entry's key in {@code owner}'s timeline. */
    String key(String owner) {
        return FeedKeys.entry(owner, inverted, postId);
    }

    /** The cursor of the entry keyed {@code key} ({@link FeedKeys#entry}) in {@code prefix}'s list. */
    static FeedCursor of(String prefix, String key, int position) {
        int start = prefix.length() + 1;
        return new FeedCursor(position, key.substring(start, start + INVERTED_DIGITS), key.substring(start + INVERTED_DIGITS + 1));
    }

    static FeedCursor decode(String cursor) {
        String[] parts = Cursors.decode(cursor).split(FeedKeys.SEP, 4);
        if (parts.length != 4 || !parts[0].equals(VERSION) || parts[2].length() != INVERTED_DIGITS
                || !digits(parts[2]) || parts[3].isEmpty() || !digits(parts[1]) || parts[1].length() > 9) {
            throw Cursors.malformed(cursor);
        }
        return new FeedCursor(Integer.parseInt(parts[1]), parts[2], parts[3]);
    }

    private static boolean digits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
