package io.tandem.infra.security;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubscriptionQuotaTest {

    @Test
    void aKeyGetsAtMostMaxSlotsAndAReleasedSlotCanBeTakenAgain() {
        SubscriptionQuota quota = new SubscriptionQuota(2);

        assertThat(quota.tryAcquire("alice")).isTrue();
        assertThat(quota.tryAcquire("alice")).isTrue();
        assertThat(quota.tryAcquire("alice")).isFalse();
        assertThat(quota.tryAcquire("bob")).isTrue();
        assertThat(quota.open("alice")).isEqualTo(2);

        quota.release("alice");
        assertThat(quota.tryAcquire("alice")).isTrue();
        assertThat(quota.open("alice")).isEqualTo(2);
    }

    @Test
    void aKeyWithoutSlotsIsForgottenAndAnExtraReleaseTakesNothingBelowZero() {
        SubscriptionQuota quota = new SubscriptionQuota(1);
        quota.tryAcquire("alice");

        quota.release("alice");
        quota.release("alice");

        assertThat(quota.open("alice")).isZero();
        assertThat(quota.tryAcquire("alice")).isTrue();
        assertThat(quota.tryAcquire("alice")).isFalse();
    }

    @Test
    void concurrentSubscribesNeverExceedTheMaximum() throws Exception {
        SubscriptionQuota quota = new SubscriptionQuota(8);
        AtomicInteger granted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] tasks = new Future<?>[4];
            for (int t = 0; t < tasks.length; t++) {
                tasks[t] = pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        if (quota.tryAcquire("alice")) {
                            granted.incrementAndGet();
                        }
                    }
                });
            }
            for (Future<?> task : tasks) {
                task.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(granted).hasValue(8);
        assertThat(quota.open("alice")).isEqualTo(8);
    }

    @Test
    void limitsBelowOneOrAUserLimitBelowTheConnectionLimitAreRefused() {
        assertThatThrownBy(() -> new SubscriptionLimitsProperties(0, 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SubscriptionLimitsProperties(8, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
