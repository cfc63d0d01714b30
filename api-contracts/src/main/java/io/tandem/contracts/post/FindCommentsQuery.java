package io.tandem.contracts.post;

/** A post's comments, oldest first (a conversation reads down); answers a {@link CommentPage}. */
public record FindCommentsQuery(PostId postId, int first, String after) {
}
