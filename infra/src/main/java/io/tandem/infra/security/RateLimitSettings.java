package io.tandem.infra.security;

import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Set;

import java.time.Duration;

/**
 * What every per-user rate limit's settings share (order entry's, social writes', copy writes'): the
 * checks, and the interceptor that limits a set of write routes with a limiter of its own.
 */
final class RateLimitSettings {

    /** The methods that write: the limited ones on every limited route. */
    static final Set<String> WRITE_METHODS =
            Set.of(HttpMethod.POST.name(), HttpMethod.PUT.name(), HttpMethod.PATCH.name(), HttpMethod.DELETE.name());

    private RateLimitSettings() {
    }

    /**
     * Limits the write methods on {@code routes} per user with a limiter of their own (no bean, so the
     * order-entry limiter stays the only {@link PerUserRateLimiter} to inject), when {@code enabled}.
     */
    static WebMvcConfigurer limitingWrites(boolean enabled, int limitForPeriod, Duration limitRefreshPeriod,
                                           int maxTrackedUsers, String what, String... routes) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                if (enabled) {
                    PerUserRateLimiter limiter = new PerUserRateLimiter(limitForPeriod, limitRefreshPeriod, maxTrackedUsers,
                            System::nanoTime);
                    registry.addInterceptor(new OrderEntryRateLimitInterceptor(limiter, WRITE_METHODS, what))
                            .addPathPatterns(routes);
                }
            }
        };
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
