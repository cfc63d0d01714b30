package io.tandem.contracts.leaderboard;

/**
 * A page of the latest ranking of a period, answering a {@link LeaderboardPage}. {@code minCopiers}
 * and {@code maxRiskScore} (null: no filter; a trader without a risk score fails a risk filter)
 * filter before ranking; {@code after} is the cursor of the last entry of the previous page.
 */
public record FindLeaderboardQuery(Period period, LeaderboardSort sortBy, int first, String after, Integer minCopiers,
                                   Integer maxRiskScore) {
}
