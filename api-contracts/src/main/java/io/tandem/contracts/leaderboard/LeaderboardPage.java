package io.tandem.contracts.leaderboard;

import java.util.List;

/** A page of a ranking; {@code computedAt} (ISO-8601) null before the first ranking. */
public record LeaderboardPage(List<LeaderboardEntryView> items, boolean hasNextPage, String computedAt) {
}
