package io.tandem.contracts.leaderboard;

/**
 * Leaderboard orders: RETURN, COPIERS, ASSETS_UNDER_COPY, WIN_RATE and TRADES highest first;
 * MAX_DRAWDOWN and RISK_SCORE lowest first; ties by handle; traders without a value come last.
 */
public enum LeaderboardSort {
    RETURN,
    MAX_DRAWDOWN,
    RISK_SCORE,
    COPIERS,
    ASSETS_UNDER_COPY,
    WIN_RATE,
    TRADES
}
