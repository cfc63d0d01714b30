package io.tandem.infra.security;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One resilience4j {@link AtomicRateLimiter} per user, created on the user's first request. A user's
 * periods start with that first request. Callers never wait for a permit: a request either gets one
 * now or is refused with the time until the next one, so no request thread is ever parked.
 * <p>
 * The limiters live in a map bounded to {@code maxTrackedUsers} entries in least-recently-used order
 * (resilience4j's own registry grows without limit). Forgetting a user only matters when more than
 * that many other users entered orders since the user's last request: the user then starts over with
 * a full budget, which costs at most one extra period's worth of requests.
 * <p>
 * The time source is resilience4j's: monotonic nanoseconds ({@link System#nanoTime()} in production),
 * so wall-clock adjustments cannot refill or drain a budget.
 */
public class PerUserRateLimiter {

    private final RateLimiterConfig config;
    private final Supplier<Long> nanoTime;
    private final Map<String, AtomicRateLimiter> limiters;

    public PerUserRateLimiter(int limitForPeriod, Duration limitRefreshPeriod, int maxTrackedUsers,
                              Supplier<Long> nanoTime) {
        this.config = RateLimiterConfig.custom()
                .limitForPeriod(limitForPeriod)
                .limitRefreshPeriod(limitRefreshPeriod)
                .timeoutDuration(Duration.ZERO)
                .build();
        this.nanoTime = nanoTime;
        this.limiters = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, AtomicRateLimiter> eldest) {
                return size() > maxTrackedUsers;
            }
        };
    }

    public static PerUserRateLimiter of(OrderEntryRateLimitProperties properties) {
        return new PerUserRateLimiter(properties.limitForPeriod(), properties.limitRefreshPeriod(),
                properties.maxTrackedUsers(), System::nanoTime);
    }

    /**
     * Takes one permit for the user.
     *
     * @return empty when granted; when refused, how long until the user's next permit
     */
    public Optional<Duration> tryAcquire(String user) {
        AtomicRateLimiter limiter = limiterOf(user);
        if (limiter.acquirePermission()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(limiter.getDetailedMetrics().getNanosToWait()));
    }

    public int limitForPeriod() {
        return config.getLimitForPeriod();
    }

    public Duration limitRefreshPeriod() {
        return config.getLimitRefreshPeriod();
    }

    /** How many users' limiters are held right now (never more than the configured maximum). */
    public synchronized int trackedUsers() {
        return limiters.size();
    }

    private synchronized AtomicRateLimiter limiterOf(String user) {
        return limiters.computeIfAbsent(user, name -> new AtomicRateLimiter(name, config, nanoTime));
    }
}
