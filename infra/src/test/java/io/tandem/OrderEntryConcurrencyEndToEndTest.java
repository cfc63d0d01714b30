package io.tandem;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.LoadMarket.Trader;
import io.tandem.TandemClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many clients at once over real HTTP: {@value #TRADERS_DEFAULT} traders (distinct users) that each
 * hold cash and stock of two instruments, driven by several threads that place random limit orders
 * (GTC, IOC, FOK; prices around a mid, so that about a third trade on arrival and more rest to be
 * hit later), amend their resting orders
 * (price and/or quantity) and cancel some. Threads pick a trader at random for every operation, so
 * one account and one order are often worked on by two threads at once.
 * <p>
 * Afterwards, once the read models have caught up: no answer was a 5xx or a refusal outside the
 * explicit {@link #ALLOWED} list; every acknowledged order is in the {@code orders} read model and
 * nothing else is; the trade tape holds exactly the trades the answers reported; per instrument,
 * what buyers filled equals what sellers filled equals what the tape traded; each book's depth is
 * the sum of its open orders' remaining quantities per price level; the ledger balances; and once
 * every open order is cancelled nothing stays reserved (no reservation leaks, nothing waiting for
 * settlement).
 * <p>
 * The load is bounded by a number of operations per thread, not by time. The sizes are constants
 * that system properties of the same names override, e.g.
 * {@code -Dtandem.e2e.concurrency.operations=500 -Dtandem.e2e.concurrency.seed=42}.
 */
class OrderEntryConcurrencyEndToEndTest {

    static final int TRADERS_DEFAULT = 6;
    static final int THREADS = Integer.getInteger("tandem.e2e.concurrency.threads", 8);
    static final int OPERATIONS_PER_THREAD = Integer.getInteger("tandem.e2e.concurrency.operations", 150);
    static final int TRADERS = Integer.getInteger("tandem.e2e.concurrency.traders", TRADERS_DEFAULT);
    static final long SEED = Long.getLong("tandem.e2e.concurrency.seed", System.nanoTime());
    static final Duration LOAD_TIMEOUT = Duration.ofMinutes(5);
    static final Duration READ_MODEL_TIMEOUT = Duration.ofSeconds(60);

    static final List<String> SYMBOLS = List.of("CCA", "CCB");
    static final String CASH = "100000.00";
    static final String STOCK = "1000";
    static final BigDecimal MID = new BigDecimal(LoadMarket.SETUP_PRICE);
    /** Buys are priced MID - 4 .. MID + 6 ticks, sells MID - 6 .. MID + 4: the ranges overlap, so about a third trade on arrival. */
    static final int PASSIVE_TICKS = 4;
    static final int AGGRESSIVE_TICKS = 6;
    /** Percentages of operations: place below PLACE, amend below AMEND, cancel the rest (place when nothing rests). */
    static final int PLACE = 60;
    static final int AMEND = 85;

    /**
     * Every answer a request may get, as "status" or "status CODE". Anything else (any 5xx, 400, 404,
     * an unknown code) fails the test. CONCURRENT_MODIFICATION is a lost race that order entry already
     * retried a few times; it is reported as a refusal the client may retry. A reduction can take an
     * order below the instrument's minimum notional (1.00), which refuses the amendment.
     */
    static final Map<String, Set<String>> ALLOWED = Map.of(
            "place", Set.of("201", "422 INSUFFICIENT_FUNDS", "422 INSUFFICIENT_POSITION", "409 CONCURRENT_MODIFICATION"),
            "amend", Set.of("200", "409 ORDER_NOT_OPEN", "422 INVALID_AMENDMENT", "422 INSUFFICIENT_FUNDS",
                    "422 INSUFFICIENT_POSITION", "422 ORDER_NOTIONAL_TOO_SMALL", "409 CONCURRENT_MODIFICATION"),
            "cancel", Set.of("200", "409 ORDER_NOT_OPEN", "409 CONCURRENT_MODIFICATION"));

    @TempDir
    Path dataDir;

    private TandemClient client;
    private LoadMarket market;

    /** What the test last heard of an order it placed; a hint for amendments, not the truth. */
    private record Known(String symbol, String side, String price, BigDecimal quantity, BigDecimal filled) {
    }

    private final ConcurrentMap<String, ConcurrentMap<String, Known>> resting = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> acknowledgedOrders = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> reportedTrades = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    private final LongAdder placedAndTraded = new LongAdder();

    @Test
    void concurrentPlaceAmendAndCancelKeepBooksReadModelsAndTheLedgerConsistent() throws Exception {
        try (ConfigurableApplicationContext application = new SpringApplicationBuilder(TandemApplication.class)
                .run("--server.port=0", "--tandem.data-dir=" + dataDir, "--spring.main.banner-mode=off",
                        "--tandem.rate-limits.order-entry.enabled=false")) {
            client = new TandemClient(((WebServerApplicationContext) application).getWebServer().getPort());
            market = LoadMarket.open(client, "conc", SYMBOLS, TRADERS, CASH, STOCK);
            market.setupOrders.forEach(response -> {
                record("place", "setup", response);
                acknowledgedOrders.put(response.text("orderId"), response.text("accountId"));
            });
            market.traders.forEach(trader -> resting.put(trader.account(), new ConcurrentHashMap<>()));

            phase("started and set up");

            runLoad();
            phase("load");
            assertThat(unexpected.size()).as("answers outside %s (seed %d): %s", ALLOWED, SEED, LoadMarket.firstOf(unexpected, 20)).isZero();

            await().atMost(READ_MODEL_TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(this::readModelsAgreeWithTheAnswers);
            LedgerInvariant.awaitBalanced(client, market.admin);
            phase("read models and ledger agree");

            market.cancelEveryOpenOrder();
            market.awaitNothingReservedAndEmptyBooks();
            LedgerInvariant.awaitBalanced(client, market.admin);
            phase("cancelled everything, nothing reserved");
        }
    }

    private long phaseStarted = System.nanoTime();

    private void phase(String name) {
        long now = System.nanoTime();
        System.out.printf("[%s] %s: %.1f s%n", getClass().getSimpleName(), name, (now - phaseStarted) / 1e9);
        phaseStarted = now;
    }

    private void runLoad() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    start.await();
                    trade(thread);
                    return null;
                }));
            }
            long started = System.nanoTime();
            start.countDown();
            long deadline = started + LOAD_TIMEOUT.toNanos();
            for (Future<?> thread : done) {
                thread.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("[%s] seed %d: %d threads x %d operations in %.1f s (%.0f requests/s), %d trades reported, "
                            + "%d of %d placed orders traded on arrival%n%s%n",
                    getClass().getSimpleName(), SEED, THREADS, OPERATIONS_PER_THREAD, seconds,
                    THREADS * OPERATIONS_PER_THREAD / seconds, reportedTrades.size(), placedAndTraded.sum(),
                    acknowledgedOrders.size(), new TreeMap<>(outcomes));
        } finally {
            threads.shutdownNow();
        }
    }

    private void trade(int thread) {
        Random random = new Random(SEED + thread);
        for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
            Trader trader = market.traders.get(random.nextInt(market.traders.size()));
            List<String> ids = new ArrayList<>(resting.get(trader.account()).keySet());
            int dice = random.nextInt(100);
            String clientOrderId = "c" + thread + "-" + i;
            try {
                if (ids.isEmpty() || dice < PLACE) {
                    place(random, trader, clientOrderId);
                } else if (dice < AMEND) {
                    amend(random, trader, ids.get(random.nextInt(ids.size())));
                } else {
                    cancel(trader, ids.get(random.nextInt(ids.size())));
                }
            } catch (RuntimeException e) {
                unexpected.add("thread " + thread + " operation " + i + ": " + e);
            }
        }
    }

    private void place(Random random, Trader trader, String clientOrderId) {
        String symbol = SYMBOLS.get(random.nextInt(SYMBOLS.size()));
        String side = random.nextBoolean() ? "BUY" : "SELL";
        int tif = random.nextInt(100);
        String timeInForce = tif < 60 ? "GTC" : tif < 85 ? "IOC" : "FOK";
        String price = price(random, side);
        BigDecimal quantity = BigDecimal.valueOf(2 + random.nextInt(99), 1);
        Response placed = client.place(trader.token(), trader.account(), clientOrderId, symbol, side, price,
                quantity.toPlainString(), timeInForce);
        record("place", clientOrderId + " " + side + " " + quantity + " " + symbol + " @ " + price + " " + timeInForce, placed);
        if (placed.status() == 201) {
            String orderId = placed.text("orderId");
            acknowledgedOrders.put(orderId, trader.account());
            if (!placed.body().path("trades").isEmpty()) {
                placedAndTraded.increment();
            }
            if (isOpen(placed)) {
                resting.get(trader.account()).put(orderId, new Known(symbol, side, price, quantity, decimal(placed, "filledQuantity")));
            }
        }
    }

    private void amend(Random random, Trader trader, String orderId) {
        Known known = resting.get(trader.account()).get(orderId);
        if (known == null) {
            return;
        }
        int what = random.nextInt(3);
        String price = what == 0 ? null : price(random, known.side());
        String quantity = null;
        if (what != 1) {
            BigDecimal open = known.quantity().subtract(known.filled());
            BigDecimal newOpen = random.nextBoolean()
                    ? open.divide(BigDecimal.valueOf(2), 1, RoundingMode.DOWN).max(new BigDecimal("0.1"))
                    : open.add(BigDecimal.valueOf(1 + random.nextInt(30), 1));
            quantity = known.filled().add(newOpen).toPlainString();
        }
        Response amended = client.amend(trader.token(), orderId, price, quantity);
        record("amend", orderId + " price " + price + " quantity " + quantity, amended);
        if (amended.status() == 200) {
            if (isOpen(amended)) {
                resting.get(trader.account()).put(orderId, new Known(known.symbol(), known.side(),
                        price == null ? known.price() : price, decimal(amended, "quantity"), decimal(amended, "filledQuantity")));
            } else {
                resting.get(trader.account()).remove(orderId);
            }
        } else if (amended.status() == 409 && amended.text("code").equals("ORDER_NOT_OPEN")) {
            resting.get(trader.account()).remove(orderId);
        }
    }

    private void cancel(Trader trader, String orderId) {
        Response cancelled = client.cancel(trader.token(), orderId);
        record("cancel", orderId, cancelled);
        if (cancelled.status() == 200 || cancelled.status() == 409 && cancelled.text("code").equals("ORDER_NOT_OPEN")) {
            resting.get(trader.account()).remove(orderId);
        }
    }

    private static String price(Random random, String side) {
        int ticks = -PASSIVE_TICKS + random.nextInt(PASSIVE_TICKS + AGGRESSIVE_TICKS + 1);
        return MID.add(BigDecimal.valueOf(side.equals("BUY") ? ticks : -ticks, 2)).toPlainString();
    }

    /** Counts the answer, flags it unless allowed, and keeps the trades a successful answer reports. */
    private void record(String operation, String request, Response response) {
        String outcome = response.status() >= 400 ? response.status() + " " + response.text("code") : String.valueOf(response.status());
        outcomes.computeIfAbsent(operation + " " + outcome, key -> new LongAdder()).increment();
        if (!ALLOWED.get(operation).contains(outcome)) {
            unexpected.add(operation + " " + request + " -> " + response.status() + " " + response.raw());
            return;
        }
        if (response.status() < 300) {
            for (JsonNode trade : response.body().path("trades")) {
                String terms = response.text("symbol") + " " + number(trade.path("price").asText()) + " x "
                        + number(trade.path("quantity").asText());
                String earlier = reportedTrades.putIfAbsent(trade.path("tradeId").asText(), terms);
                if (earlier != null && !earlier.equals(terms)) {
                    unexpected.add("trade " + trade.path("tradeId").asText() + " reported as " + earlier + " and as " + terms);
                }
            }
        }
    }

    /**
     * One look at every read model: acknowledged orders, tape, fills and depth all agree. Read
     * models lag behind the answers, so this runs until it holds.
     */
    private void readModelsAgreeWithTheAnswers() {
        Map<String, List<JsonNode>> ordersByAccount = market.ordersByAccount();
        List<JsonNode> orders = ordersByAccount.values().stream().flatMap(List::stream).toList();
        Map<String, String> inReadModel = orders.stream()
                .collect(Collectors.toMap(order -> order.path("orderId").asText(), order -> order.path("accountId").asText()));
        assertThat(acknowledgedOrders.keySet()).as("acknowledged orders missing from the read model")
                .allMatch(inReadModel::containsKey);
        assertThat(inReadModel.keySet()).as("orders in the read model that were never acknowledged")
                .allMatch(acknowledgedOrders::containsKey);
        assertThat(inReadModel).as("accounts of the orders in the read model").isEqualTo(Map.copyOf(acknowledgedOrders));

        for (String symbol : SYMBOLS) {
            List<JsonNode> tape = client.allTrades(market.admin, symbol);
            Map<String, String> onTape = tape.stream().collect(Collectors.toMap(trade -> trade.path("tradeId").asText(),
                    trade -> symbol + " " + number(trade.path("price").asText()) + " x " + number(trade.path("quantity").asText())));
            Map<String, String> reported = reportedTrades.entrySet().stream().filter(trade -> trade.getValue().startsWith(symbol + " "))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertThat(onTape).as(symbol + " tape against the trades the answers reported").isEqualTo(reported);

            BigDecimal traded = tape.stream().map(trade -> new BigDecimal(trade.path("quantity").asText()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(filled(orders, symbol, "BUY")).as(symbol + " bought").isEqualByComparingTo(traded);
            assertThat(filled(orders, symbol, "SELL")).as(symbol + " sold").isEqualByComparingTo(traded);

            JsonNode book = client.fullOrderBook(market.admin, symbol);
            assertThat(levels(book.path("bids"))).as(symbol + " bids: depth against open orders " + book)
                    .isEqualTo(openLevels(orders, symbol, "BUY"));
            assertThat(levels(book.path("asks"))).as(symbol + " asks: depth against open orders " + book)
                    .isEqualTo(openLevels(orders, symbol, "SELL"));
        }
    }

    private record Level(BigDecimal quantity, int orders) {
    }

    private static BigDecimal filled(List<JsonNode> orders, String symbol, String side) {
        return orders.stream().filter(order -> order.path("symbol").asText().equals(symbol) && order.path("side").asText().equals(side))
                .map(order -> new BigDecimal(order.path("filledQuantity").asText())).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Map<BigDecimal, Level> levels(JsonNode side) {
        Map<BigDecimal, Level> levels = new TreeMap<>();
        for (JsonNode level : side) {
            Level previous = levels.put(number(level.path("price").asText()),
                    new Level(number(level.path("quantity").asText()), level.path("orders").asInt()));
            assertThat(previous).as("price level shown twice: " + side).isNull();
        }
        return levels;
    }

    private static Map<BigDecimal, Level> openLevels(List<JsonNode> orders, String symbol, String side) {
        Map<BigDecimal, Level> levels = new TreeMap<>();
        orders.stream().filter(order -> order.path("symbol").asText().equals(symbol) && order.path("side").asText().equals(side)
                && LoadMarket.isOpen(order)).forEach(order -> {
            BigDecimal open = new BigDecimal(order.path("quantity").asText()).subtract(new BigDecimal(order.path("filledQuantity").asText()));
            levels.merge(number(order.path("price").asText()), new Level(open.stripTrailingZeros(), 1),
                    (a, b) -> new Level(a.quantity().add(b.quantity()).stripTrailingZeros(), a.orders() + b.orders()));
        });
        return levels;
    }

    private static boolean isOpen(Response response) {
        return Objects.equals(response.text("status"), "NEW") || Objects.equals(response.text("status"), "PARTIALLY_FILLED");
    }

    private static BigDecimal decimal(Response response, String field) {
        return new BigDecimal(response.text(field));
    }

    private static BigDecimal number(String decimal) {
        return new BigDecimal(decimal).stripTrailingZeros();
    }
}
