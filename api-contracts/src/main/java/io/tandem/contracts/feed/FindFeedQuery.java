package io.tandem.contracts.feed;

import io.tandem.contracts.common.UserId;

/**
 * The home timeline of {@code owner}, newest first: their own posts and those of whom they follow,
 * without muted or blocked authors, at most {@code tandem.feed.max-items} deep. Answers a {@link FeedPage}.
 */
public record FindFeedQuery(UserId owner, int first, String after) {
}
