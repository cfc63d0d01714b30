package io.tandem.contracts.feed;

import io.tandem.contracts.common.UserId;

/**
 * Subscription query: each {@link FeedEntry} added to {@code owner}'s timeline from now on (never
 * during a replay). The initial result is empty (a {@code Boolean} true).
 */
public record FeedUpdatesQuery(UserId owner) {
}
