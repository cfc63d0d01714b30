package io.tandem.contracts.post;

import io.tandem.contracts.common.UserId;

/** One post as {@code viewer} sees it; null when unknown, deleted, or its author and the viewer are blocked either way. */
public record FindPostQuery(PostId postId, UserId viewer) {
}
