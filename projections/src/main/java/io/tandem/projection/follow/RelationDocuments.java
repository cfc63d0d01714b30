package io.tandem.projection.follow;

/**
 * Field names of the {@code relations} documents ({@code _id}: viewer U+0001 target) and of the
 * follower and following edges ({@code _id}: owner U+0001 newest-first follow time U+0001 user).
 */
public final class RelationDocuments {

    public static final String FOLLOWING = "following";
    public static final String MUTING = "muting";
    public static final String BLOCKING = "blocking";
    /** The time part of the edges' {@code _id}s while following: what an unfollow deletes. */
    public static final String FOLLOW_KEY = "followKey";
    /** The user an edge lists: the follower in {@code followers}, the followee in {@code following}. */
    public static final String EDGE_USER = "userId";
    public static final String EDGE_AT = "at";

    private RelationDocuments() {
    }
}
