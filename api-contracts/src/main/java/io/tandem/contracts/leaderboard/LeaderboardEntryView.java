package io.tandem.contracts.leaderboard;

/** One ranked trader: 1-based rank within the filtered ranking, the figures, and the entry's cursor. */
public record LeaderboardEntryView(int rank, TraderStatsView stats, String cursor) {
}
