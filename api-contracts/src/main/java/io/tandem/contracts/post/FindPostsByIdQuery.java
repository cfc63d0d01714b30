package io.tandem.contracts.post;

import io.tandem.contracts.common.UserId;

import java.util.List;

/**
 * Several posts at once (a feed page), as {@code viewer} sees them; answers a {@link PostPage} with
 * the posts found in the order asked (unknown or deleted ones left out; no cursors, no next page).
 */
public record FindPostsByIdQuery(List<PostId> postIds, UserId viewer) {
}
