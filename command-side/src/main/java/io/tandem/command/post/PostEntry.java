package io.tandem.command.post;

import io.tandem.command.orderentry.OrderEntry.Caller;
import io.tandem.contracts.post.CommentId;
import io.tandem.contracts.post.PostId;

import java.time.Instant;

/**
 * The one door through which posts, comments and likes enter the platform. Each request is one
 * transaction: the checks that need other data (the author's profile, the post, blocks, the
 * mentioned symbols and traders) read the lookup tables in it, and a refusal leaves nothing behind.
 * Refusals are {@code TandemException}s with a code:
 * <ul>
 *   <li>MALFORMED_REQUEST: a client post or comment id that is not 1 to 64 of {@code A-Z a-z 0-9 . _ -};</li>
 *   <li>INVALID_TEXT: a text that is blank, longer than 1000 characters or holds control characters;</li>
 *   <li>PROFILE_REQUIRED: posting, commenting, liking or unliking without a trader profile;</li>
 *   <li>UNKNOWN_MENTION: a {@code $SYMBOL} that is not listed or an {@code @handle} no trader has;</li>
 *   <li>POST_NOT_FOUND: commenting on or liking a post that does not exist or was deleted, deleting
 *       a post or a comment of a post that never existed; COMMENT_NOT_FOUND likewise for comments;</li>
 *   <li>BLOCKED: commenting on or liking a post when its author and the caller are separated by a
 *       block, whichever of the two made it (an unlike is always allowed);</li>
 *   <li>FORBIDDEN: deleting someone else's post or comment without being an admin (or, for a
 *       comment, the post's author); POST_CONFLICT / COMMENT_CONFLICT: a client id reused with another text.</li>
 * </ul>
 * Creating is idempotent per client id (the same request again answers the same id); deleting a
 * deleted post or comment changes nothing and succeeds again.
 */
public interface PostEntry {

    /** Creates the caller's text post {@code clientPostId}, with the symbols and traders its text mentions. */
    PostId createPost(Caller caller, String clientPostId, String text, Instant now);

    /** Deletes a post: its author or an admin. */
    void deletePost(Caller caller, PostId postId, Instant now);

    /** Comments on a post as the caller's comment {@code clientCommentId}. */
    CommentId addComment(Caller caller, PostId postId, String clientCommentId, String text, Instant now);

    /** Deletes a comment of {@code postId}: its author, the post's author or an admin. */
    void deleteComment(Caller caller, PostId postId, CommentId commentId, Instant now);

    /** Likes ({@code liked}) or unlikes the post and answers whether the caller likes it afterwards. */
    boolean like(Caller caller, PostId postId, boolean liked, Instant now);
}
