package io.tandem.infra.security;

import java.time.Duration;

/** The checks every per-user rate limit's settings share (order entry's, social writes', copy writes'). */
final class RateLimitSettings {

    private RateLimitSettings() {
    }

    static void check(int limitForPeriod, Duration limitRefreshPeriod, int maxTrackedUsers) {
        if (limitForPeriod < 1) {
            throw new IllegalArgumentException("limit-for-period must be at least 1, was " + limitForPeriod);
        }
        if (limitRefreshPeriod == null || limitRefreshPeriod.isNegative() || limitRefreshPeriod.isZero()) {
            throw new IllegalArgumentException("limit-refresh-period must be positive, was " + limitRefreshPeriod);
        }
        if (maxTrackedUsers < 1) {
            throw new IllegalArgumentException("max-tracked-users must be at least 1, was " + maxTrackedUsers);
        }
    }
}
