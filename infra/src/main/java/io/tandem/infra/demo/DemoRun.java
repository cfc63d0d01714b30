package io.tandem.infra.demo;

import io.tandem.infra.demo.DemoApi.Answer;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the agents of one run share: the API client, the tokens, the counters, the seed, and the run's
 * tag. Set-up requests are keyed by the cast alone, so a restart repeats them harmlessly; the orders,
 * posts and top-ups of the running market are new every run, so their client ids carry the tag (the
 * run's start in milliseconds, base 36) and a counter, which keeps a restarted run from replaying the
 * previous run's ids (an order id replayed with another request is 409 ORDER_CONFLICT).
 */
final class DemoRun {

    private final DemoApi api;
    private final DemoTokens tokens;
    private final DemoStats stats;
    private final long seed;
    private final String tag;
    private final AtomicLong sequence = new AtomicLong();

    DemoRun(DemoApi api, DemoTokens tokens, DemoStats stats, long seed, String tag) {
        this.api = api;
        this.tokens = tokens;
        this.stats = stats;
        this.seed = seed;
        this.tag = tag;
    }

    DemoApi api() {
        return api;
    }

    DemoTokens tokens() {
        return tokens;
    }

    DemoStats stats() {
        return stats;
    }

    long seed() {
        return seed;
    }

    /** A client id unique to this run: {@code demo-<tag>-<kind>-<n>}. */
    String orderId(String kind) {
        return "demo-" + tag + "-" + kind + "-" + sequence.incrementAndGet();
    }

    void countFills(Answer order) {
        stats.fills.add(order.body().path("trades").size());
    }

    /** Cancels an order; one that has filled meanwhile (ORDER_NOT_OPEN) is simply gone. */
    void cancel(String token, String orderId) {
        if (api.delete("/api/v1/orders/" + orderId, token, Set.of("ORDER_NOT_OPEN")).ok()) {
            stats.cancelled.increment();
        }
    }

    /** A deposit that is not waited for: the simulator credits it a moment later, or declines it. */
    void topUp(String userId, String accountId, long cents) {
        Answer answer = api.post("/api/v1/accounts/" + accountId + "/deposits", tokens.trader(userId),
                Map.of("paymentId", orderId("topup"), "amount", DemoMoney.cash(cents)));
        if (answer.ok()) {
            stats.deposits.increment();
        }
    }
}
