package io.tandem.infra.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.infra.demo.DemoApi.Answer;
import io.tandem.infra.demo.DemoCast.Instrument;
import io.tandem.infra.demo.DemoCast.Maker;
import io.tandem.infra.demo.DemoCast.Trader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts the cast on the platform through its public API, every step idempotent so that a restart on
 * the same data directory repeats it harmlessly: accounts (remembered in {@link DemoAccounts}), the
 * listings (the operator, an ADMIN, lists each instrument with its market maker as the issuer of the
 * supply; INSTRUMENT_ALREADY_LISTED means it is there), trader profiles with their public account,
 * deposits, follows and copies (keyed by the copier's {@code clientCopyId}), and it cancels what a
 * previous run left resting.
 * <p>
 * Funding goes through the payment API with the embedded simulator rather than admin adjustments:
 * deposits are what a real user's money is, so net deposits, returns and the leaderboard come out as
 * they would. The simulator declines about one payment in ten and never answers about one in twenty,
 * so a declined deposit is asked again under the next id ({@code fund-1}, {@code fund-2}, ...), and one
 * still unanswered after a while is given up for the next id (if it confirms later the trader is
 * simply richer). Where no deposit provider is allowed (a test deployment without the simulator) the
 * operator credits the account by an admin adjustment instead.
 */
final class DemoSetUp {

    private static final Logger log = LoggerFactory.getLogger(DemoSetUp.class);
    private static final Duration GIVE_UP_ON_DEPOSIT = Duration.ofSeconds(15);
    private static final Duration FUNDING_DEADLINE = Duration.ofMinutes(3);
    private static final Duration CREDIT_WAIT = Duration.ofSeconds(20);
    private static final String OPEN_ORDERS = """
            query($id: ID!) { orders(accountId: $id, status: [NEW, PARTIALLY_FILLED], first: 100) {
                edges { node { orderId } } } }""";
    private static final String LAST_PRICE = "query($symbol: String!) { orderBook(symbol: $symbol, depth: 1) { lastPrice } }";

    private final DemoCast cast;
    private final DemoRun run;
    private final DemoAccounts accounts;

    DemoSetUp(DemoCast cast, DemoRun run, DemoAccounts accounts) {
        this.cast = cast;
        this.run = run;
        this.accounts = accounts;
    }

    /** The set-up's outcome: the agents' accounts and handles, and each instrument's last price (0: none). */
    record Market(Map<String, String> accounts, Map<String, String> handles, Map<String, Long> lastPrices) {
    }

    Market run() throws InterruptedException {
        Map<String, String> opened = new LinkedHashMap<>();
        for (Maker maker : cast.makers()) {
            opened.put(maker.userId(), account(maker.userId()));
        }
        for (Trader trader : cast.traders()) {
            opened.put(trader.userId(), account(trader.userId()));
        }
        for (Maker maker : cast.makers()) {
            list(maker, opened.get(maker.userId()));
        }
        Map<String, String> handles = new HashMap<>();
        for (Trader trader : cast.traders()) {
            handles.put(trader.userId(), profile(trader, opened.get(trader.userId())));
        }
        fund(opened);
        for (Trader trader : cast.traders()) {
            for (int followed : trader.follows()) {
                String handle = handles.get(cast.traders().get(followed).userId());
                run.api().post("/api/v1/traders/" + handle + "/follow", run.tokens().trader(trader.userId()), "");
            }
        }
        for (Trader trader : cast.traders()) {
            if (trader.copies()) {
                copy(trader, opened.get(trader.userId()), handles.get(cast.traders().get(trader.copyOf()).userId()));
            }
        }
        opened.forEach(this::cancelResting);
        Map<String, Long> lastPrices = new HashMap<>();
        for (Instrument instrument : cast.instruments()) {
            JsonNode book = run.api().graphql(run.tokens().operator(), LAST_PRICE, Map.of("symbol", instrument.symbol()))
                    .path("orderBook");
            lastPrices.put(instrument.symbol(), DemoMoney.units(book.path("lastPrice").asText(null), DemoCast.TICK_SCALE));
        }
        return new Market(Map.copyOf(opened), Map.copyOf(handles), Map.copyOf(lastPrices));
    }

    private String account(String userId) {
        return accounts.of(userId).orElseGet(() -> {
            Answer answer = run.api().post("/api/v1/accounts", run.tokens().trader(userId), Map.of());
            if (!answer.ok()) {
                throw new IllegalStateException("cannot open an account for " + userId + ": " + answer.body());
            }
            accounts.remember(userId, answer.text("accountId"));
            return answer.text("accountId");
        });
    }

    private void list(Maker maker, String issuerAccountId) {
        Instrument instrument = maker.instrument();
        Map<String, Object> listing = new LinkedHashMap<>();
        listing.put("symbol", instrument.symbol());
        listing.put("name", instrument.name());
        listing.put("tickSize", "0.01");
        listing.put("lotSize", "0.0001");
        listing.put("makerFeeRate", "0.001");
        listing.put("takerFeeRate", "0.002");
        listing.put("issuerAccountId", issuerAccountId);
        listing.put("supply", instrument.supply());
        Answer answer = run.api().post("/api/v1/instruments", run.tokens().operator(), listing,
                Set.of("INSTRUMENT_ALREADY_LISTED"));
        if (answer.ok()) {
            log.info("demo: listed {} ({}), {} issued to its market maker", instrument.symbol(), instrument.name(),
                    instrument.supply());
        } else if (!"INSTRUMENT_ALREADY_LISTED".equals(answer.code())) {
            log.warn("demo: could not list {}: {}", instrument.symbol(), answer.body());
        }
    }

    /** Sets the profile; a handle someone else took gets the trader's number appended. Answers the handle. */
    private String profile(Trader trader, String accountId) {
        for (String handle : List.of(trader.handle(), trader.handle() + "_" + trader.index())) {
            Map<String, Object> profile = new LinkedHashMap<>();
            profile.put("handle", handle);
            profile.put("displayName", trader.displayName());
            profile.put("bio", trader.bio());
            profile.put("shareTrades", true);
            profile.put("publicAccountId", accountId);
            profile.put("acceptsCopiers", true);
            Answer answer = run.api().put("/api/v1/traders/me", run.tokens().trader(trader.userId()), profile,
                    Set.of("HANDLE_TAKEN"));
            if (answer.ok()) {
                return answer.text("handle");
            }
            if (!"HANDLE_TAKEN".equals(answer.code())) {
                log.warn("demo: could not set the profile of {}: {}", trader.userId(), answer.body());
                return handle;
            }
        }
        return trader.handle() + "_" + trader.index();
    }

    private long depositOf(String userId) {
        for (Maker maker : cast.makers()) {
            if (maker.userId().equals(userId)) {
                return maker.depositCents();
            }
        }
        return cast.traders().stream().filter(trader -> trader.userId().equals(userId)).findFirst().orElseThrow().depositCents();
    }

    private final class Funding {
        final String userId;
        final String accountId;
        final long cents;
        int attempt = 1;
        long attemptStarted = System.nanoTime();
        boolean done;

        Funding(String userId, String accountId, long cents) {
            this.userId = userId;
            this.accountId = accountId;
            this.cents = cents;
        }
    }

    private void fund(Map<String, String> opened) throws InterruptedException {
        List<Funding> pending = new ArrayList<>();
        opened.forEach((user, account) -> pending.add(new Funding(user, account, depositOf(user))));
        long deadline = System.nanoTime() + FUNDING_DEADLINE.toNanos();
        while (pending.stream().anyMatch(funding -> !funding.done)) {
            for (Funding funding : pending) {
                if (!funding.done) {
                    advance(funding);
                }
            }
            if (System.nanoTime() > deadline) {
                log.warn("demo: gave up waiting for deposits of {}", pending.stream().filter(f -> !f.done).map(f -> f.userId).toList());
                return;
            }
            if (pending.stream().anyMatch(funding -> !funding.done)) {
                Thread.sleep(500);
            }
        }
    }

    private void advance(Funding funding) {
        Answer answer = run.api().post("/api/v1/accounts/" + funding.accountId + "/deposits",
                run.tokens().trader(funding.userId),
                Map.of("paymentId", "demo-fund-" + funding.attempt, "amount", DemoMoney.cash(funding.cents)));
        if (answer.ok()) {
            String status = answer.text("status");
            if ("CONFIRMED".equals(status)) {
                funding.done = true;
                run.stats().deposits.increment();
            } else if ("FAILED".equals(status)
                    || System.nanoTime() - funding.attemptStarted > GIVE_UP_ON_DEPOSIT.toNanos()) {
                funding.attempt++;
                funding.attemptStarted = System.nanoTime();
            }
            return;
        }
        String code = answer.code();
        if ("PROVIDER_NOT_ALLOWED".equals(code) || "UNKNOWN_PAYMENT_PROVIDER".equals(code)) {
            Answer adjusted = run.api().post("/api/v1/admin/accounts/" + funding.accountId + "/adjustments",
                    run.tokens().operator(), Map.of("adjustmentId", "demo-fund-" + funding.userId,
                            "amount", DemoMoney.cash(funding.cents), "reason", "demo market funding"));
            funding.done = adjusted.ok();
            if (!adjusted.ok()) {
                log.warn("demo: could not fund {}: {}", funding.userId, adjusted.body());
                funding.done = true;
            }
        } else if (answer.status() > 0 && !"RATE_LIMITED".equals(code)) {
            log.warn("demo: deposit for {} refused: {}", funding.userId, answer.body());
            funding.done = true;
        }
    }

    private void copy(Trader copier, String accountId, String leaderHandle) throws InterruptedException {
        Map<String, Object> copy = new LinkedHashMap<>();
        copy.put("clientCopyId", "demo-copy-" + leaderHandle);
        copy.put("fromAccountId", accountId);
        copy.put("leader", leaderHandle);
        copy.put("amount", DemoMoney.cash(copier.copyAmountCents()));
        copy.put("stopLossPercent", "50");
        copy.put("sizing", "PROPORTIONAL");
        // a confirmed deposit reaches the account's cash through the payment process a moment later: a copy refused for
        // funds is asked again (the same clientCopyId, so at most one copy) until the credit has landed
        long deadline = System.nanoTime() + CREDIT_WAIT.toNanos();
        Answer answer = run.api().post("/api/v1/copies", run.tokens().trader(copier.userId()), copy);
        while (!answer.ok() && "INSUFFICIENT_FUNDS".equals(answer.code()) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            answer = run.api().post("/api/v1/copies", run.tokens().trader(copier.userId()), copy);
        }
        if (!answer.ok()) {
            log.warn("demo: {} could not copy {}: {}", copier.handle(), leaderHandle, answer.body());
        }
    }

    private void cancelResting(String userId, String accountId) {
        String token = run.tokens().trader(userId);
        for (JsonNode edge : run.api().graphql(token, OPEN_ORDERS, Map.of("id", accountId)).path("orders").path("edges")) {
            run.cancel(token, edge.path("node").path("orderId").asText());
        }
    }
}
