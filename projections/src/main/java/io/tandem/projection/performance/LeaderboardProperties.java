package io.tandem.projection.performance;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code tandem.leaderboard.*}: how often the leaderboard is ranked again ({@code refresh-interval},
 * default 10 s). The figures shown are at most that old; a run's cost is described on
 * {@link LeaderboardRanker}.
 */
@ConfigurationProperties(prefix = "tandem.leaderboard")
public record LeaderboardProperties(Duration refreshInterval) {

    public LeaderboardProperties {
        if (refreshInterval == null) {
            refreshInterval = Duration.ofSeconds(10);
        }
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("tandem.leaderboard.refresh-interval must be positive");
        }
    }
}
