package io.tandem.contracts.leaderboard;

/**
 * A trader's figures over a period, as documented on the GraphQL type {@code TraderStats}: percentages
 * and amounts as decimal strings with two decimals; {@code volatilityPercent}, {@code riskScore} and
 * {@code winRatePercent} null while undefined.
 */
public record TraderStatsView(String userId, String handle, String displayName, Period period, String returnPercent,
                              String maxDrawdownPercent, String volatilityPercent, Integer riskScore, long copiers,
                              String assetsUnderCopy, String winRatePercent, long trades, String computedAt) {
}
