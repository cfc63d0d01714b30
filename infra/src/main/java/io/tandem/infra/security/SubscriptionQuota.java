package io.tandem.infra.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counts open subscriptions per key (a user, or a connection) against a maximum. A key whose count
 * falls back to zero is forgotten, so memory is bounded by the keys that hold a subscription.
 */
final class SubscriptionQuota {

    private final int max;
    private final ConcurrentMap<String, Integer> open = new ConcurrentHashMap<>();

    SubscriptionQuota(int max) {
        this.max = max;
    }

    /** Takes a slot for {@code key}, or answers false (and takes nothing) when it holds {@code max} already. */
    boolean tryAcquire(String key) {
        boolean[] acquired = {false};
        open.compute(key, (k, count) -> {
            int current = count == null ? 0 : count;
            if (current >= max) {
                return count;
            }
            acquired[0] = true;
            return current + 1;
        });
        return acquired[0];
    }

    /** Gives back a slot taken by {@link #tryAcquire}. */
    void release(String key) {
        open.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
    }

    int open(String key) {
        return open.getOrDefault(key, 0);
    }
}
