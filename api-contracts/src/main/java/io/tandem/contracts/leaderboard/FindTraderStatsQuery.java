package io.tandem.contracts.leaderboard;

import io.tandem.contracts.common.UserId;

/** One trader's figures of the latest ranking, answering a {@link TraderStatsView}; null when not ranked. */
public record FindTraderStatsQuery(UserId userId, Period period) {
}
