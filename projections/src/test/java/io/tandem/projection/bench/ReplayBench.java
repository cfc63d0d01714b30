package io.tandem.projection.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
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
import io.tandem.projection.marketdata.CandleProjector;
import io.tandem.projection.performance.PerformanceProjector;
import io.tandem.projection.support.InstrumentFormats;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Replay throughput of one read-model processing group, not a test: {@code bench/read-model-replay.sh}.
 * <p>
 * Generates a consistent synthetic history of about {@code events} events (accounts opened and funded,
 * trader profiles, and trades between accounts on a few books over 90 UTC days, each trade with its
 * orders, reservations, fills and both settlements, as the command side writes them), appends it to an
 * Axon {@link EmbeddedEventStore} in memory, and runs the group's projector in a real
 * {@link PooledStreamingEventProcessor} (one segment, batches of 500 as in application.yml) against a
 * mongo-java-server on its H2 file backend, the embedded profile's read-model store, from the start of
 * the log to its head: the work of a rebuild. With {@code --replay} the tokens are then reset (the
 * projector's reset handler clears its collections) and the same log is replayed once more as a replay
 * (ReplayStatus REPLAY, no pushes), measured again. The in-memory store hands out event objects, so the figure
 * is the processor and projector cost without reading and deserializing stored events.
 * <p>
 * Prints {@code BENCH_REPLAY group=.. events=.. from_start_s=.. events_per_s=.. [replay_s=.. replay_events_per_s=..]}.
 */
public final class ReplayBench {

    private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
    private static final int DAYS = 90;

    private ReplayBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        int target = Integer.parseInt(options.getOrDefault("events", "1000000"));
        boolean replay = Boolean.parseBoolean(options.getOrDefault("replay", "false"));
        List<String> groups = List.of(options.getOrDefault("groups", "market-data,performance").split(","));
        Path dir = Files.createTempDirectory("tandem-replay-bench");
        MongoServer server = new MongoServer(new H2Backend(dir.resolve("read-models.mv").toString()));
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create(server.getConnectionString())) {
            MongoDatabase database = client.getDatabase("bench");
            InstrumentFormats formats = new InstrumentFormats(database);
            EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
            History history = new History(target, formats);
            long t0 = System.nanoTime();
            history.appendTo(store);
            System.out.printf("generated and appended %,d events in %.1f s%n", history.total, (System.nanoTime() - t0) / 1e9);
            for (String group : groups) {
                run(group, projector(group, database, formats), store, history.total, replay);
            }
        } finally {
            server.shutdownNow();
        }
    }

    /** The group's projectors, built as Spring builds them. */
    private static List<Object> projector(String group, MongoDatabase database, InstrumentFormats formats) {
        return switch (group) {
            case "market-data" -> List.of(new CandleProjector(database, SimpleQueryUpdateEmitter.builder().build()));
            case "performance" -> List.of(new PerformanceProjector(database));
            default -> throw new IllegalArgumentException("unknown group " + group);
        };
    }

    private static void run(String group, List<Object> projectors, EmbeddedEventStore store, long total, boolean replay) throws Exception {
        PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                .name(group)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(projectors)
                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance()).build())
                .errorHandler(PropagatingErrorHandler.instance())
                .messageSource(store)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.instance())
                .coordinatorExecutor(name -> Executors.newSingleThreadScheduledExecutor())
                .workerExecutor(name -> Executors.newSingleThreadScheduledExecutor())
                .initialSegmentCount(1)
                .batchSize(500)
                .initialToken(StreamableMessageSource::createTailToken)
                .build();
        long head = store.createHeadToken().position().orElseThrow();
        long t0 = System.nanoTime();
        processor.start();
        awaitHead(processor, head);
        double firstPass = (System.nanoTime() - t0) / 1e9;
        String replayed = "";
        if (replay) {
            processor.shutDown();
            processor.resetTokens();
            t0 = System.nanoTime();
            processor.start();
            awaitHead(processor, head);
            double seconds = (System.nanoTime() - t0) / 1e9;
            replayed = String.format(" replay_s=%.1f replay_events_per_s=%.0f", seconds, total / seconds);
        }
        processor.shutDown();
        System.out.printf("BENCH_REPLAY group=%s events=%d from_start_s=%.1f events_per_s=%.0f%s%n",
                group, total, firstPass, total / firstPass, replayed);
    }

    private static void awaitHead(PooledStreamingEventProcessor processor, long head) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        long polls = 0;
        while (System.nanoTime() < deadline) {
            if (processor.isError()) {
                throw new IllegalStateException(processor.getName() + " failed");
            }
            var status = processor.processingStatus().values();
            boolean done = !status.isEmpty() && status.stream().allMatch(s -> {
                TrackingToken token = s.getTrackingToken();
                // a replay token stays "replaying" until an event past the reset position arrives: the head is the end here
                return token != null && s.isCaughtUp() && token.position().orElse(-1) >= head;
            });
            if (done) {
                return;
            }
            if (++polls % 250 == 0) {
                System.out.println(processor.getName() + ": " + status + " head " + head);
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(processor.getName() + " did not reach the head");
    }

    /** A consistent random history: every sell is covered by a position, every buy by cash. */
    static final class History {

        private static final BigDecimal FEE = new BigDecimal("0.001");
        final List<EventMessage<?>> events = new ArrayList<>();
        private final Map<String, Long> sequences = new HashMap<>();
        private final Random random = new Random(42);
        long total;

        History(int target, InstrumentFormats formats) {
            int symbols = 5;
            int accounts = 2000;
            List<InstrumentSpec> specs = new ArrayList<>();
            AccountId issuer = AccountId.of("issuer");
            add("Account", issuer.value(), new AccountOpenedEvent(issuer, UserId.of("issuer"), AccountType.TRADING), START);
            for (int s = 0; s < symbols; s++) {
                Symbol symbol = Symbol.of("SYM" + s);
                InstrumentSpec spec = new InstrumentSpec(symbol, "Symbol " + s, new BigDecimal("0.01"), BigDecimal.ONE,
                        FEE, FEE, Quantity.ofLots(1_000_000), Cash.parse("100000000.00"), new BigDecimal("0.10"));
                InstrumentListedEvent listed = new InstrumentListedEvent(symbol, spec, issuer, Quantity.ofLots(1_000_000_000L), START);
                formats.store(listed);
                specs.add(spec);
                add("OrderBook", symbol.value(), listed, START);
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
            long trade = 0;
            while (events.size() < target) {
                int s = random.nextInt(symbols);
                InstrumentSpec spec = specs.get(s);
                Instant at = START.plusSeconds((long) ((double) events.size() / target * DAYS * 86_400));
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
            }
            total = events.size();
        }

        private static AccountId account(int a) {
            return AccountId.of("acct-" + a);
        }

        private void add(String type, String aggregate, Object payload, Instant at) {
            long sequence = sequences.merge(type + "/" + aggregate, 1L, Long::sum) - 1;
            events.add(new GenericDomainEventMessage<>(type, aggregate, sequence, payload, Map.of(),
                    java.util.UUID.randomUUID().toString(), at));
        }

        void appendTo(EmbeddedEventStore store) {
            for (int from = 0; from < events.size(); from += 10_000) {
                store.publish(events.subList(from, Math.min(events.size(), from + 10_000)));
            }
        }
    }
}
