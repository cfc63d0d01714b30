package io.tandem.infra.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-user limiter on its own: budgets, the bound on remembered users, and the settings it is built from. */
class PerUserRateLimiterTest {

    private final AtomicLong nanos = new AtomicLong();

    private PerUserRateLimiter limiter(int maxTrackedUsers) {
        return new PerUserRateLimiter(2, Duration.ofSeconds(10), maxTrackedUsers, nanos::get);
    }

    @Test
    void refusalTellsHowLongUntilTheNextPeriod() {
        PerUserRateLimiter limiter = limiter(10);
        limiter.tryAcquire("alice");
        nanos.addAndGet(Duration.ofMillis(2_500).toNanos());
        limiter.tryAcquire("alice");

        assertThat(limiter.tryAcquire("alice")).contains(Duration.ofMillis(7_500));
    }

    @Test
    void neverRemembersMoreUsersThanConfigured() {
        PerUserRateLimiter limiter = limiter(2);
        for (String user : new String[]{"alice", "bob", "carol", "dave"}) {
            limiter.tryAcquire(user);
        }

        assertThat(limiter.trackedUsers()).isEqualTo(2);
    }

    @Test
    void aForgottenUserComesBackWithAFullBudget() {
        PerUserRateLimiter limiter = limiter(2);
        limiter.tryAcquire("alice");
        limiter.tryAcquire("alice");
        assertThat(limiter.tryAcquire("alice")).isPresent();

        limiter.tryAcquire("bob");
        limiter.tryAcquire("carol");

        assertThat(limiter.tryAcquire("alice")).isEmpty();
    }

    @Test
    void recentlySeenUsersAreKeptWhenOthersAreForgotten() {
        PerUserRateLimiter limiter = limiter(2);
        limiter.tryAcquire("alice");
        limiter.tryAcquire("bob");
        limiter.tryAcquire("alice");

        limiter.tryAcquire("carol");

        assertThat(limiter.tryAcquire("alice")).as("alice spent her budget and is still known").isPresent();
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(OrderEntryRateLimitInterceptor.retryAfterSeconds(Duration.ofMillis(39_500))).isEqualTo(40);
        assertThat(OrderEntryRateLimitInterceptor.retryAfterSeconds(Duration.ofSeconds(40))).isEqualTo(40);
        assertThat(OrderEntryRateLimitInterceptor.retryAfterSeconds(Duration.ofNanos(1))).isEqualTo(1);
        assertThat(OrderEntryRateLimitInterceptor.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
    }

    @Test
    void defaultsAreFiftyOrdersPerSecondPerUser() {
        OrderEntryRateLimitProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("tandem.rate-limits.order-entry", OrderEntryRateLimitProperties.class);

        assertThat(defaults).isEqualTo(new OrderEntryRateLimitProperties(true, 50, Duration.ofSeconds(1), 10_000));
    }

    @Test
    void aLimitBelowOneIsRefusedAtStartup() {
        assertThatThrownBy(() -> new OrderEntryRateLimitProperties(true, 0, Duration.ofSeconds(1), 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit-for-period");
    }
}
