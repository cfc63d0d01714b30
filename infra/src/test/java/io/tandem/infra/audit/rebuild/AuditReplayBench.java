package io.tandem.infra.audit.rebuild;

import com.mongodb.client.MongoDatabase;
import io.tandem.TandemApplication;
import io.tandem.contracts.account.AccountOpenedEvent;
import io.tandem.contracts.account.BuySettledEvent;
import io.tandem.contracts.account.CashReservedEvent;
import io.tandem.contracts.account.DepositCreditedEvent;
import io.tandem.contracts.account.PositionReservedEvent;
import io.tandem.contracts.account.ReservationClosingEvent;
import io.tandem.contracts.account.SellSettledEvent;
import io.tandem.contracts.account.SupplyIssuedEvent;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.orderbook.InstrumentListedEvent;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.orderbook.OrderFilledEvent;
import io.tandem.contracts.orderbook.OrderPlacedEvent;
import io.tandem.contracts.orderbook.OrderType;
import io.tandem.contracts.orderbook.TimeInForce;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import io.tandem.contracts.payment.PaymentId;
import io.tandem.contracts.profile.TraderProfileSetEvent;
import io.tandem.infra.audit.Progress;
import io.tandem.infra.readmodel.ReadModelAliases;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Replay speed of the audit rebuild, not a test: {@code bench/audit-replay.sh}.
 * <p>
 * Starts the application on a fresh data directory (embedded H2 event store, embedded read-model
 * store), stops its event processors, appends a consistent synthetic history of about {@code events}
 * events through the event store in batches (accounts opened and funded, trader profiles, trades
 * between accounts with their orders, reservations, fills and settlements), then measures:
 * <ul>
 *   <li>the raw read: a stream opened at the tail and read to the head, every payload deserialized;</li>
 *   <li>with every live token set to the head (as a server that had handled the log leaves them: a
 *       rebuild replays up to the live token), each rebuildable group rebuilt side by side through {@link RebuildService} as the command line
 *       runs it (no live processor: build, switch, set the live token), one after the other;</li>
 *   <li>all groups rebuilt at once, one thread each (wall clock over the log's events).</li>
 * </ul>
 * Prints {@code BENCH_EVENT_READ events=.. events_per_s=..} and
 * {@code BENCH_AUDIT_REPLAY group=.. events=.. handled=.. seconds=.. events_per_s=..} (events: log
 * positions read; handled: events the group's handlers took).
 */
public final class AuditReplayBench {

    private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");

    private AuditReplayBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        int target = Integer.parseInt(options.getOrDefault("events", "1000000"));
        String only = options.get("groups");
        Path dir = Files.createTempDirectory("tandem-audit-bench");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TandemApplication.class)
                .run("--tandem.data-dir=" + dir, "--server.port=0", "--logging.level.root=WARN",
                        "--axon.axonserver.enabled=false")) {
            EventProcessingConfiguration processing = context.getBean(EventProcessingConfiguration.class);
            processing.eventProcessors().values().forEach(EventProcessor::shutDown);
            EventStore store = context.getBean(EventStore.class);
            TransactionManager transactions = context.getBean(TransactionManager.class);
            long t0 = System.nanoTime();
            long appended = new History(target).appendTo(store, transactions);
            System.out.printf("appended %,d events in %.1f s%n", appended, (System.nanoTime() - t0) / 1e9);

            long events = readAll(store);
            t0 = System.nanoTime();
            readAll(store);
            double read = (System.nanoTime() - t0) / 1e9;
            System.out.printf("BENCH_EVENT_READ events=%d seconds=%.1f events_per_s=%.0f%n", events, read, events / read);

            // as if the server's processors had handled the whole log: a rebuild replays up to the live token
            TokenStore tokens = context.getBean(TokenStore.class);
            org.axonframework.eventhandling.TrackingToken headToken = store.createHeadToken();
            transactions.executeInTransaction(() -> processing.eventProcessors().keySet().forEach(name -> {
                for (int segment : tokens.fetchSegments(name)) {
                    tokens.storeToken(headToken, name, segment);
                }
            }));

            StaticListableBeanFactory none = new StaticListableBeanFactory();
            RebuildService rebuilds = new RebuildService(new ProcessorControl(store, context.getBean(TokenStore.class), transactions,
                    context.getBean(MongoDatabase.class), context.getBeanProvider(ReadModelAliases.class),
                    none.getBeanProvider(EventProcessingConfiguration.class), context.getEnvironment(), Clock.systemUTC(),
                    none.getBeanProvider(javax.sql.DataSource.class), none.getBeanProvider(io.tandem.infra.config.ProcessorFailures.class)));
            List<String> groups = only == null ? List.copyOf(rebuilds.rebuildable()) : List.of(only.split(","));
            for (String group : groups) {
                RebuildReport report = rebuilds.rebuild(group, true, Progress.none());
                print(group, report.positionsRead(), report.eventsReplayed(), report.durationMs());
            }
            ExecutorService pool = Executors.newFixedThreadPool(groups.size());
            t0 = System.nanoTime();
            List<Future<RebuildReport>> all = new ArrayList<>();
            for (String group : groups) {
                all.add(pool.submit(() -> rebuilds.rebuild(group, true, Progress.none())));
            }
            long handled = 0;
            long positions = 0;
            for (Future<RebuildReport> report : all) {
                handled += report.get().eventsReplayed();
                positions = Math.max(positions, report.get().positionsRead());
            }
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
            print("all", positions, handled, (System.nanoTime() - t0) / 1_000_000);
        } finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(dir);
        }
    }

    private static void print(String group, long positions, long handled, long ms) {
        System.out.printf("BENCH_AUDIT_REPLAY group=%s events=%d handled=%d seconds=%.1f events_per_s=%.0f%n",
                group, positions, handled, ms / 1000.0, positions * 1000.0 / Math.max(1, ms));
    }

    private static long readAll(EventStore store) throws InterruptedException {
        long head = store.createHeadToken().position().orElse(-1);
        long count = 0;
        try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(null)) {
            while (stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                event.getPayload();
                count++;
                if (event.trackingToken().position().orElse(-1) >= head) {
                    break;
                }
            }
        }
        return count;
    }

    /** A consistent random history: every sell is covered by a position, every buy by cash. */
    static final class History {

        private static final BigDecimal FEE = new BigDecimal("0.001");
        private final List<EventMessage<?>> events = new ArrayList<>();
        private final Map<String, Long> sequences = new HashMap<>();
        private final Random random = new Random(42);
        private final int target;

        History(int target) {
            this.target = target;
        }

        long appendTo(EventStore store, TransactionManager transactions) {
            int symbols = 5;
            int accounts = 2000;
            long total = 0;
            List<InstrumentSpec> specs = new ArrayList<>();
            AccountId issuer = AccountId.of("bench-issuer");
            add("Account", issuer.value(), new AccountOpenedEvent(issuer, UserId.of("bench-issuer"), AccountType.TRADING), START);
            for (int s = 0; s < symbols; s++) {
                Symbol symbol = Symbol.of("SYM" + s);
                InstrumentSpec spec = new InstrumentSpec(symbol, "Symbol " + s, new BigDecimal("0.01"), BigDecimal.ONE,
                        FEE, FEE, Quantity.ofLots(1_000_000), Cash.parse("100000000.00"), new BigDecimal("0.10"));
                specs.add(spec);
                add("OrderBook", symbol.value(), new InstrumentListedEvent(symbol, spec, issuer, Quantity.ofLots(1_000_000_000L), START), START);
                add("Account", issuer.value(), new SupplyIssuedEvent(issuer, symbol, Quantity.ofLots(1_000_000_000L)), START);
            }
            long[][] lots = new long[accounts][symbols];
            long[] cash = new long[accounts];
            long[] prices = new long[symbols];
            java.util.Arrays.fill(prices, 10_000);
            for (int a = 0; a < accounts; a++) {
                AccountId account = account(a);
                add("Account", account.value(), new AccountOpenedEvent(account, UserId.of("u" + a), AccountType.TRADING), START);
                add("Account", account.value(), new DepositCreditedEvent(account, PaymentId.of("p" + a), Cash.ofCents(10_000_000)), START);
                cash[a] = 10_000_000;
                if (a % 2 == 0) {
                    add("TraderProfile", "u" + a, new TraderProfileSetEvent(UserId.of("u" + a), "trader" + a, null, "Trader " + a, "",
                            true, account, START), START);
                }
            }
            total += flush(store, transactions);
            long trade = 0;
            while (total + events.size() < target) {
                int s = random.nextInt(symbols);
                InstrumentSpec spec = specs.get(s);
                Instant at = START.plusSeconds((long) ((double) (total + events.size()) / target * 90 * 86_400));
                prices[s] = Math.max(100, prices[s] + random.nextInt(21) - 10);
                Price price = Price.ofTicks(prices[s]);
                int buyer = random.nextInt(accounts);
                int seller = random.nextInt(accounts);
                long qty = 1 + random.nextInt(20);
                boolean fromIssuer = seller == buyer || lots[seller][s] < qty;
                long notional = InstrumentSpec.floorCents(spec.notionalCents(price, Quantity.ofLots(qty)));
                long fee = Math.max(0, notional / 1000);
                if (cash[buyer] < notional + fee) {
                    continue;
                }
                trade++;
                Symbol symbol = spec.symbol();
                AccountId buyerId = account(buyer);
                AccountId sellerId = fromIssuer ? issuer : account(seller);
                OrderId sell = OrderId.of("o" + trade + "s");
                OrderId buy = OrderId.of("o" + trade + "b");
                TradeId tradeId = TradeId.of(symbol, trade);
                Cash notionalCash = Cash.ofCents(notional);
                Cash feeCash = Cash.ofCents(fee);
                add("Account", sellerId.value(), new PositionReservedEvent(sellerId, sell, symbol, Quantity.ofLots(qty)), at);
                add("OrderBook", symbol.value(), new OrderPlacedEvent(symbol, sell, sellerId, Side.SELL, OrderType.LIMIT, price,
                        Quantity.ofLots(qty), TimeInForce.GTC, at, null), at);
                add("Account", buyerId.value(), new CashReservedEvent(buyerId, buy, symbol, Cash.ofCents(notional + fee)), at);
                add("OrderBook", symbol.value(), new OrderPlacedEvent(symbol, buy, buyerId, Side.BUY, OrderType.LIMIT, price,
                        Quantity.ofLots(qty), TimeInForce.GTC, at, null), at);
                add("OrderBook", symbol.value(), new TradeExecutedEvent(symbol, tradeId, price, Quantity.ofLots(qty), Side.BUY,
                        sell, buy, buyerId, buy, sellerId, sell, notionalCash, feeCash, notionalCash, feeCash, true, true, at), at);
                add("OrderBook", symbol.value(), new OrderFilledEvent(symbol, sell, sellerId, Side.SELL, Quantity.ofLots(qty), at), at);
                add("OrderBook", symbol.value(), new OrderFilledEvent(symbol, buy, buyerId, Side.BUY, Quantity.ofLots(qty), at), at);
                add("Account", buyerId.value(), new BuySettledEvent(buyerId, tradeId, buy, symbol, Quantity.ofLots(qty), notionalCash, feeCash), at);
                add("Account", sellerId.value(), new SellSettledEvent(sellerId, tradeId, sell, symbol, Quantity.ofLots(qty), notionalCash, feeCash), at);
                add("Account", buyerId.value(), new ReservationClosingEvent(buyerId, buy, Quantity.ofLots(qty)), at);
                add("Account", sellerId.value(), new ReservationClosingEvent(sellerId, sell, Quantity.ofLots(qty)), at);
                cash[buyer] -= notional + fee;
                lots[buyer][s] += qty;
                if (!fromIssuer) {
                    lots[seller][s] -= qty;
                    cash[seller] += notional - fee;
                }
                if (events.size() >= 5_000) {
                    total += flush(store, transactions);
                }
            }
            return total + flush(store, transactions);
        }

        private int flush(EventStore store, TransactionManager transactions) {
            int size = events.size();
            List<EventMessage<?>> batch = List.copyOf(events);
            transactions.executeInTransaction(() -> store.publish(batch));
            events.clear();
            return size;
        }

        private static AccountId account(int a) {
            return AccountId.of("acct-" + a);
        }

        private void add(String type, String aggregate, Object payload, Instant at) {
            long sequence = sequences.merge(aggregate, 1L, Long::sum) - 1;
            events.add(new GenericDomainEventMessage<>(type, aggregate, sequence, payload, Map.of(),
                    UUID.randomUUID().toString(), at));
        }
    }
}
