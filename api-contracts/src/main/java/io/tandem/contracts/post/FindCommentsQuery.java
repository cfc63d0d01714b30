package io.tandem.contracts.post;

import io.tandem.contracts.common.UserId;

/**
 * A post's comments, oldest first (a conversation reads down), as {@code viewer} sees them: without
 * comments whose author and the viewer are blocked either way; answers a {@link CommentPage}.
 */
public record FindCommentsQuery(PostId postId, UserId viewer, int first, String after) {
}
