package io.tandem.contracts.post;

import io.tandem.contracts.common.UserId;

/** An author's posts, newest first, as {@code viewer} sees them (empty when blocked either way); answers a {@link PostPage}. */
public record FindPostsQuery(UserId author, UserId viewer, int first, String after) {
}
