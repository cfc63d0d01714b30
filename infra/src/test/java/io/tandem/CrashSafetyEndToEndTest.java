package io.tandem;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.LoadMarket.Trader;
import io.tandem.TandemClient.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DESIGN section 13: "a kill -9 at any moment loses nothing that was acknowledged". The application
 * runs as a separate JVM on a temporary data directory; client threads place orders (about half of
 * them crossing) and keep every request answered 201 with its exact body and answer. Once enough
 * orders were accepted the process is killed with SIGKILL in mid-load and restarted on the same
 * data directory and port (once by default; {@code -Dtandem.e2e.crash.kills=2} kills and restarts
 * it again under a second load, so the first orders survive two crashes); requests in flight
 * then fail and are unknown (they may or may not have happened).
 * <p>
 * After the last restart: every acknowledged request sent again (same body, same client order id,
 * same token) answers 200 or 201 with the original order (id, symbol, side, quantity, the same
 * trades) in a compatible state, never a refusal; unknown requests sent again are placed or
 * answered, never a 5xx; every acknowledged order is in the {@code orders} read model of its
 * account, and every acknowledged trade on the tape; buyers' and sellers' fills equal the tape per
 * instrument; the ledger balances; and once every open order is cancelled nothing stays reserved.
 * <p>
 * The application ({@link ForkedApplication}) writes its output to {@code target/crash-safety/}. Sizes
 * are constants that system properties of the same names override ({@code -Dtandem.e2e.crash.accepted=1000}).
 */
class CrashSafetyEndToEndTest {

    static final int KILLS_DEFAULT = 1;
    static final int KILLS = Integer.getInteger("tandem.e2e.crash.kills", KILLS_DEFAULT);
    static final int THREADS = Integer.getInteger("tandem.e2e.crash.threads", 8);
    /** Orders accepted in a round before the kill. */
    static final int ACCEPTED_BEFORE_KILL = Integer.getInteger("tandem.e2e.crash.accepted", 300);
    static final int TRADERS = 6;
    static final long SEED = Long.getLong("tandem.e2e.crash.seed", System.nanoTime());
    static final List<String> SYMBOLS = List.of("KSA", "KSB");
    static final String CASH = "100000.00";
    static final String STOCK = "1000";
    static final BigDecimal MID = new BigDecimal(LoadMarket.SETUP_PRICE);
    /** Buys are priced MID - 4 .. MID + 6 ticks, sells MID - 6 .. MID + 4: the ranges overlap, so about a third trade on arrival. */
    static final int PASSIVE_TICKS = 4;
    static final int AGGRESSIVE_TICKS = 6;
    static final Duration LOAD_TIMEOUT = Duration.ofMinutes(3);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    static final Duration READ_MODEL_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Refusals a new order may get under load: the trader ran out of cash or stock, or it lost a race
     * that order entry already retried. Never allowed for a request that was acknowledged.
     */
    static final Set<String> REFUSALS = Set.of("422 INSUFFICIENT_FUNDS", "422 INSUFFICIENT_POSITION", "409 CONCURRENT_MODIFICATION");

    @TempDir
    Path dataDir;

    private ForkedApplication app;

    /** A request answered 201 before a kill: its exact body, its owner's token and the answer. */
    private record Acknowledged(String token, String account, String body, JsonNode answer) {
    }

    /** A request that got no answer because the application died under it. */
    private record Unknown(String token, String account, String body) {
    }

    private final ConcurrentLinkedQueue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Unknown> unknown = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    private final ConcurrentMap<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final Map<Throwable, String> failedChecks = new LinkedHashMap<>();
    @AfterEach
    void killTheApplication() throws InterruptedException {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void killMinusNineInMidLoadLosesNothingThatWasAcknowledged() throws Exception {
        app = new ForkedApplication(dataDir, "crash-safety", List.of(), List.of());
        TandemClient client = app.start();
        LoadMarket market = LoadMarket.open(client, "crash", SYMBOLS, TRADERS, CASH, STOCK);
        phase("started and set up");

        for (int round = 1; round <= KILLS; round++) {
            loadAndKill(client, market, round);
            phase("round " + round + ": load and kill -9");
            assertThat(unexpected.size()).as("unexpected answers during the load (seed %d, application log in %s): %s", SEED, app.log(),
                    LoadMarket.firstOf(unexpected, 10)).isZero();
            client = app.start();
            market = market.on(client);
            phase("round " + round + ": restart");
        }
        System.out.printf("[%s] seed %d: %d acknowledged (%d of them traded on arrival), %d unknown; %s%n", getClass().getSimpleName(),
                SEED, acknowledged.size(), acknowledged.stream().filter(request -> !request.answer().path("trades").isEmpty()).count(),
                unknown.size(), new TreeMap<>(outcomes));

        // What the clients were told, by order id; requests that get an answer only now join it.
        Map<String, JsonNode> answers = new ConcurrentHashMap<>();
        acknowledged.forEach(request -> answers.put(request.answer().path("orderId").asText(), request.answer()));
        TandemClient now = client;
        LoadMarket last = market;
        // Each check runs even if an earlier one failed, so that one run reports everything that broke.
        check("acknowledged orders sent again", () -> sendAcknowledgedAgain(now));
        check("unknown orders sent again", () -> sendUnknownAgain(now, answers));
        check("read models hold every acknowledged order", () -> await().atMost(READ_MODEL_TIMEOUT)
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> readModelsHoldEveryAcknowledgedOrder(now, last, answers)));
        check("ledger balances", () -> LedgerInvariant.awaitBalanced(now, last.admin));
        check("nothing reserved once every open order is cancelled", () -> {
            last.cancelEveryOpenOrder();
            last.awaitNothingReservedAndEmptyBooks();
            LedgerInvariant.awaitBalanced(now, last.admin);
        });
        if (!failedChecks.isEmpty()) {
            AssertionError failure = new AssertionError(failedChecks.size() + " of 5 checks after kill -9 failed (seed " + SEED
                    + ", application log " + app.log() + "):\n" + String.join("\n", failedChecks.values()));
            failedChecks.keySet().forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private interface Check {
        void run() throws Exception;
    }

    /** Runs one check, timing it; a failure is kept for the end of the test instead of ending it. */
    private void check(String name, Check check) throws Exception {
        try {
            check.run();
            phase(name + ": passed");
        } catch (AssertionError | RuntimeException e) {
            phase(name + ": FAILED");
            String message = e instanceof AssertionError ? String.valueOf(e.getMessage()) : e.toString();
            failedChecks.put(e, "--- " + name + ": " + (message.length() > 4000 ? message.substring(0, 4000) + " ..." : message));
        }
    }

    // ---------------------------------------------------------------- the load and the kill

    private void loadAndKill(TandemClient client, LoadMarket market, int round) throws Exception {
        AtomicInteger acceptedThisRound = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(threads.submit(() -> placeUntilKilled(client, market, round, thread, acceptedThisRound, killed)));
            }
            await().atMost(LOAD_TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() ->
                    acceptedThisRound.get() >= ACCEPTED_BEFORE_KILL || !unexpected.isEmpty() || !app.isAlive());
            assertThat(app.isAlive()).as("the application died on its own; see %s", app.log()).isTrue();
            killed.set(true);
            app.kill();
            for (Future<?> thread : done) {
                thread.get(REQUEST_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
            }
        } finally {
            killed.set(true);
            threads.shutdownNow();
        }
    }

    private void placeUntilKilled(TandemClient client, LoadMarket market, int round, int thread,
                                  AtomicInteger accepted, AtomicBoolean killed) {
        Random random = new Random(SEED + 1000L * round + thread);
        for (int i = 0; !killed.get(); i++) {
            Trader trader = market.traders.get(random.nextInt(market.traders.size()));
            String side = random.nextBoolean() ? "BUY" : "SELL";
            int ticks = -PASSIVE_TICKS + random.nextInt(PASSIVE_TICKS + AGGRESSIVE_TICKS + 1);
            String price = MID.add(BigDecimal.valueOf(side.equals("BUY") ? ticks : -ticks, 2)).toPlainString();
            String body = client.orderBody(trader.account(), "r" + round + "-t" + thread + "-" + i,
                    SYMBOLS.get(random.nextInt(SYMBOLS.size())), side, price,
                    BigDecimal.valueOf(2 + random.nextInt(99), 1).toPlainString(), random.nextInt(100) < 70 ? "GTC" : "IOC");
            Response response;
            try {
                response = client.send("POST", "/api/v1/orders", trader.token(), body, REQUEST_TIMEOUT);
            } catch (UncheckedIOException | IllegalStateException e) {
                if (killed.get()) {
                    unknown.add(new Unknown(trader.token(), trader.account(), body));
                    count("load", "no answer");
                    return;
                }
                unexpected.add("before the kill: " + body + " -> " + e);
                return;
            }
            String outcome = outcome(response);
            count("load", outcome);
            if (response.status() == 201) {
                acknowledged.add(new Acknowledged(trader.token(), trader.account(), body, response.body()));
                accepted.incrementAndGet();
            } else if (!REFUSALS.contains(outcome)) {
                unexpected.add(body + " -> " + response.status() + " " + response.raw());
            }
        }
    }


    // ---------------------------------------------------------------- after the last restart

    /**
     * Sends every acknowledged request again, in parallel: each must answer 200 or 201 with the
     * original order.
     */
    private void sendAcknowledgedAgain(TandemClient client) throws Exception {
        ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
        inParallel(new ArrayList<>(acknowledged), original -> {
            Response again = client.send("POST", "/api/v1/orders", original.token(), original.body(), REQUEST_TIMEOUT);
            count("acknowledged sent again", outcome(again));
            JsonNode first = original.answer();
            List<String> differences = new ArrayList<>();
            if (again.status() != 200 && again.status() != 201) {
                differences.add("status " + again.status());
            } else {
                for (String field : List.of("orderId", "accountId", "symbol", "side")) {
                    if (!first.path(field).equals(again.body().path(field))) {
                        differences.add(field);
                    }
                }
                if (!sameNumber(first.path("quantity"), again.body().path("quantity"))) {
                    differences.add("quantity");
                }
                if (!trades(first).equals(trades(again.body()))) {
                    differences.add("trades");
                }
                if (!compatible(first, again.body())) {
                    differences.add("status " + first.path("status").asText() + " then " + again.text("status"));
                }
            }
            if (!differences.isEmpty()) {
                mismatches.add(differences + " (first answered " + first.path("status").asText() + "): " + original.body() + "\n    first  " + first + "\n    again  " + again.status() + " " + again.raw());
            }
        });
        System.out.printf("[%s] %s%n", getClass().getSimpleName(), new TreeMap<>(outcomes));
        assertThat(mismatches.size()).as("acknowledged requests sent again after kill -9 that differ from their first answer, of %d "
                + "(by what differs: %s; seed %d; log %s): %s", acknowledged.size(), kinds(mismatches), SEED, app.log(),
                LoadMarket.firstOf(mismatches, 10)).isZero();
    }

    /**
     * Sends every unknown request again, as a client that got no answer would: it is placed now or
     * was placed before the kill (201 either way), or refused for lack of cash or stock. Orders placed
     * this way count as acknowledged from now on.
     */
    private void sendUnknownAgain(TandemClient client, Map<String, JsonNode> answers) throws Exception {
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        inParallel(new ArrayList<>(unknown), request -> {
            Response again = client.send("POST", "/api/v1/orders", request.token(), request.body(), REQUEST_TIMEOUT);
            String outcome = outcome(again);
            count("unknown sent again", outcome);
            if (again.status() == 200 || again.status() == 201) {
                answers.put(again.text("orderId"), again.body());
            } else if (!REFUSALS.contains(outcome)) {
                failures.add(request.body() + " -> " + again.status() + " " + again.raw());
            }
        });
        System.out.printf("[%s] %s%n", getClass().getSimpleName(), new TreeMap<>(outcomes));
        assertThat(failures.size()).as("unknown requests sent again after kill -9 that failed (seed %d; log %s): %s", SEED, app.log(),
                LoadMarket.firstOf(failures, 10)).isZero();
    }

    private void readModelsHoldEveryAcknowledgedOrder(TandemClient client, LoadMarket market, Map<String, JsonNode> answers) {
        Map<String, JsonNode> inReadModel = new ConcurrentHashMap<>();
        market.ordersByAccount().forEach((account, orders) -> orders.forEach(order -> inReadModel.put(order.path("orderId").asText(), order)));
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        answers.forEach((orderId, answer) -> {
            JsonNode order = inReadModel.get(orderId);
            if (order == null) {
                missing.add(orderId + " " + answer);
            } else if (!order.path("accountId").equals(answer.path("accountId"))
                    || new BigDecimal(order.path("filledQuantity").asText()).compareTo(new BigDecimal(answer.path("filledQuantity").asText())) < 0
                    || !compatible(answer, order)) {
                wrong.add("answered " + answer + "\n    read model " + order);
            }
        });
        assertThat(missing.size()).as("acknowledged orders missing from the orders read model: %s", LoadMarket.firstOf(missing, 10)).isZero();
        assertThat(wrong.size()).as("orders the read model shows behind their acknowledged state: %s", LoadMarket.firstOf(wrong, 10)).isZero();

        Set<String> acknowledgedTrades = new HashSet<>();
        answers.values().forEach(answer -> answer.path("trades").forEach(trade -> acknowledgedTrades.add(trade.path("tradeId").asText())));
        List<JsonNode> orders = new ArrayList<>(inReadModel.values());
        for (String symbol : SYMBOLS) {
            List<JsonNode> tape = client.allTrades(market.admin, symbol);
            Set<String> onTape = tape.stream().map(trade -> trade.path("tradeId").asText()).collect(Collectors.toSet());
            assertThat(onTape).as(symbol + " tape").doesNotHaveDuplicates().hasSize(tape.size());
            assertThat(acknowledgedTrades.stream().filter(trade -> trade.startsWith(symbol + "-")).filter(trade -> !onTape.contains(trade)).toList())
                    .as(symbol + " acknowledged trades missing from the tape").isEmpty();
            BigDecimal traded = tape.stream().map(trade -> new BigDecimal(trade.path("quantity").asText())).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(filled(orders, symbol, "BUY")).as(symbol + " bought against the tape").isEqualByComparingTo(traded);
            assertThat(filled(orders, symbol, "SELL")).as(symbol + " sold against the tape").isEqualByComparingTo(traded);
        }
    }


    // ---------------------------------------------------------------- helpers

    private interface Work<T> {
        void on(T item) throws Exception;
    }

    private <T> void inParallel(List<T> items, Work<T> work) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = thread; i < items.size(); i += THREADS) {
                        work.on(items.get(i));
                    }
                    return null;
                }));
            }
            for (Future<?> thread : done) {
                thread.get(LOAD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private long phaseStarted = System.nanoTime();

    private void phase(String name) {
        long now = System.nanoTime();
        System.out.printf("[%s] %s: %.1f s%n", getClass().getSimpleName(), name, (now - phaseStarted) / 1e9);
        phaseStarted = now;
    }

    private void count(String stage, String outcome) {
        outcomes.computeIfAbsent(stage + " " + outcome, key -> new LongAdder()).increment();
    }

    /** How many mismatches of each kind: the text before the first ':'. */
    private static Map<String, Long> kinds(Collection<String> mismatches) {
        return new TreeMap<>(mismatches.stream().collect(Collectors.groupingBy(m -> m.substring(0, m.indexOf(':')), Collectors.counting())));
    }

    private static String outcome(Response response) {
        return response.status() >= 400 ? response.status() + " " + response.text("code") : String.valueOf(response.status());
    }

    /**
     * Whether {@code later} can be the same order as {@code first} some time afterwards: a closed order
     * stays as it closed; an open one may have filled further or closed since.
     */
    private static boolean compatible(JsonNode first, JsonNode later) {
        String before = first.path("status").asText();
        String after = later.path("status").asText();
        return switch (before) {
            case "FILLED", "CANCELLED" -> before.equals(after);
            case "PARTIALLY_FILLED" -> !after.equals("NEW");
            case "NEW" -> Set.of("NEW", "PARTIALLY_FILLED", "FILLED", "CANCELLED").contains(after);
            default -> false;
        };
    }

    /** The trades of an answer as (id, price, quantity), numbers compared by value. */
    private static List<String> trades(JsonNode answer) {
        List<String> trades = new ArrayList<>();
        answer.path("trades").forEach(trade -> trades.add(trade.path("tradeId").asText() + " "
                + new BigDecimal(trade.path("price").asText()).stripTrailingZeros() + " x "
                + new BigDecimal(trade.path("quantity").asText()).stripTrailingZeros()));
        return trades;
    }

    private static boolean sameNumber(JsonNode a, JsonNode b) {
        return a.isTextual() && b.isTextual() && new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText())) == 0;
    }

    private static BigDecimal filled(List<JsonNode> orders, String symbol, String side) {
        return orders.stream().filter(order -> order.path("symbol").asText().equals(symbol) && order.path("side").asText().equals(side))
                .map(order -> new BigDecimal(order.path("filledQuantity").asText())).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
