package io.tandem.projection.post;

/**
 * Field names of the {@code posts} documents ({@code _id}: the post id), of the author listing
 * {@code author_posts} ({@code _id}: author U+0001 newest-first time U+0001 post id), of
 * {@code comments} ({@code _id}: post id U+0001 oldest-first time U+0001 comment id) and of
 * {@code likes} ({@code _id}: post id U+0001 user id).
 */
public final class PostDocuments {

    public static final String AUTHOR = "author";
    public static final String KIND = "kind";
    public static final String TEXT = "text";
    public static final String SYMBOLS = "symbols";
    /** The mentioned handles, as written. */
    public static final String MENTIONS = "mentions";
    public static final String CREATED_AT = "createdAt";
    /** {@link io.tandem.projection.support.Cursors#timeKey} of the creation time: the author listing's key is made of it. */
    public static final String CREATED_KEY = "createdKey";
    public static final String TRADE = "trade";
    public static final String TRADE_SYMBOL = "symbol";
    public static final String TRADE_SIDE = "side";
    public static final String TRADE_FILLED_LOTS = "filledLots";
    public static final String TRADE_AVERAGE_TICKS = "averageTicks";
    /** A tombstone: deleted posts and comments stay (so a redelivered creation cannot bring them back), hidden. */
    public static final String DELETED = "deleted";
    public static final String LIKES_COUNT = "likesCount";
    public static final String COMMENTS_COUNT = "commentsCount";

    public static final String LISTED_POST_ID = "postId";

    public static final String COMMENT_ID = "commentId";
    public static final String COMMENT_POST_ID = "postId";
    public static final String COMMENT_AUTHOR = "author";
    /** In {@code comment_keys}: the comment's {@code _id} in {@code comments}. */
    public static final String COMMENT_KEY = "key";

    public static final String LIKE_USER = "userId";
    public static final String LIKED = "liked";

    private PostDocuments() {
    }
}
