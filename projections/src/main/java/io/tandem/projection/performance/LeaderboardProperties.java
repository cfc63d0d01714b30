package io.tandem.projection.performance;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code tandem.leaderboard.*}: how often the leaderboard is ranked again ({@code refresh-interval},
 * default 10 s; the figures shown are at most that old, a run's cost is described on
 * {@link LeaderboardRanker}), and how long a node's right to rank lasts from each renewal
 * ({@code lease}, default 2 min: when a node dies, another takes over after at most that; it must
 * exceed the longest run).
 */
@ConfigurationProperties(prefix = "tandem.leaderboard")
public record LeaderboardProperties(Duration refreshInterval, Duration lease) {

    public LeaderboardProperties {
        if (refreshInterval == null) {
            refreshInterval = Duration.ofSeconds(10);
        }
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("tandem.leaderboard.refresh-interval must be positive");
        }
        if (lease == null) {
            lease = Duration.ofMinutes(2);
        }
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("tandem.leaderboard.lease must be positive");
        }
    }
}
