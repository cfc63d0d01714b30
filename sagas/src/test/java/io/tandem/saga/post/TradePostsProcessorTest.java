package io.tandem.saga.post;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import io.tandem.contracts.post.RecordTradeFillCommand;
import io.tandem.contracts.post.SocialIds;
import io.tandem.contracts.profile.TraderProfileSetEvent;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.SimpleDeadlineManager;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The trade-posts process in a Spring context with its sharing table in memory and its processing group fed by
 * a real event store: which fills become {@link RecordTradeFillCommand}s, and that a reset rebuilds
 * who shares what without sending any fill again. Every test has its own traders, accounts and
 * orders; "nothing was sent" is asserted after a later fill that is sent has arrived, since the
 * process handles events in order.
 */
@SpringBootTest(classes = TradePostsProcessorTest.App.class, properties = {
        "axon.axonserver.enabled=false",
        "axon.serializer.general=jackson"})
class TradePostsProcessorTest {

    @SpringBootApplication
    @Import({RecordingPosts.class, InMemorySharing.class})
    static class App {

        @Bean
        EventStorageEngine eventStorageEngine() {
            return new InMemoryEventStorageEngine();
        }

        /** As in infra (EventProcessorDefaults): a handler's failure fails its batch, which is retried. */
        @Bean
        ConfigurerModule propagatingErrors() {
            return configurer -> configurer.eventProcessing(processing ->
                    processing.registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance()));
        }

        @Bean
        DeadlineManager deadlineManager(Configuration configuration) {
            return SimpleDeadlineManager.builder().scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration)).build();
        }
    }

    /** Stands in for the post aggregates and records what the process asked of them. */
    static class RecordingPosts {

        final List<RecordTradeFillCommand> received = new CopyOnWriteArrayList<>();
        final Map<OrderId, AtomicInteger> attempts = new ConcurrentHashMap<>();

        /**
         * Orders named {@code refused-*} are refused for good as the post would refuse them, an order
         * named {@code raced-*} loses a race on its first attempt; every other fill is recorded.
         */
        @CommandHandler
        void handle(RecordTradeFillCommand command) {
            String order = command.orderId().value();
            int attempt = attempts.computeIfAbsent(command.orderId(), o -> new AtomicInteger()).incrementAndGet();
            if (order.startsWith("refused-quantity")) {
                throw new IllegalArgumentException("a fill has a positive quantity");
            }
            if (order.startsWith("refused-overflow")) {
                throw new ArithmeticException("long overflow");
            }
            if (order.startsWith("refused-code")) {
                throw new TandemException(ErrorCode.POST_CONFLICT, "refused");
            }
            if (order.startsWith("raced") && attempt == 1) {
                throw new TandemException(ErrorCode.CONCURRENT_MODIFICATION, "a concurrent request changed the same data; retry");
            }
            received.add(command);
        }
    }

    /** The process's sharing table, in memory (infra keeps it in the database). */
    static class InMemorySharing implements TradeSharing {

        final Map<UserId, AccountId> shared = new ConcurrentHashMap<>();

        @Override
        public void set(UserId user, AccountId publicAccount, boolean shareTrades) {
            if (shareTrades && publicAccount != null) {
                shared.put(user, publicAccount);
            } else {
                shared.remove(user);
            }
        }

        @Override
        public Optional<UserId> sharerOf(AccountId account) {
            return shared.entrySet().stream().filter(e -> e.getValue().equals(account)).map(Map.Entry::getKey).findFirst();
        }

        @Override
        public void clear() {
            shared.clear();
        }
    }

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Instant AT = Instant.parse("2025-01-01T10:00:00Z");

    @Autowired
    private EventGateway events;
    @Autowired
    private RecordingPosts posts;
    @Autowired
    private Configuration axon;
    @Autowired
    private InMemorySharing sharing;

    private String n;
    private int trades;

    @BeforeEach
    void unique() {
        n = String.valueOf(SEQUENCE.incrementAndGet());
    }

    private UserId user(String name) {
        return UserId.of(name + "-" + n);
    }

    private AccountId account(String name) {
        return AccountId.of(name + "-acc-" + n);
    }

    private OrderId order(String name) {
        return OrderId.of(name + "-order-" + n);
    }

    private void profile(String name, boolean share, String publicAccount) {
        events.publish(new TraderProfileSetEvent(user(name), name + n, null, name, "", share,
                publicAccount == null ? null : account(publicAccount), AT));
    }

    /** A trade of 3 lots at 1000 ticks: {@code buyer}'s order buys from {@code seller}'s. */
    private TradeId trade(String buyer, String buyOrder, String seller, String sellOrder) {
        TradeId tradeId = TradeId.of("T" + n + "-" + (++trades));
        events.publish(new TradeExecutedEvent(Symbol.of("T" + n), tradeId, Price.ofTicks(1_000), Quantity.ofLots(3), Side.BUY,
                order(sellOrder), order(buyOrder), account(buyer), order(buyOrder), account(seller), order(sellOrder),
                Cash.ofCents(3_000), Cash.ofCents(3), Cash.ofCents(3_000), Cash.ofCents(3), false, false, AT));
        return tradeId;
    }

    private RecordTradeFillCommand fill(String name, String orderName, Side side, TradeId tradeId) {
        return new RecordTradeFillCommand(SocialIds.tradePost(order(orderName)), user(name), account(name), order(orderName),
                Symbol.of("T" + n), side, tradeId, Price.ofTicks(1_000), Quantity.ofLots(3), AT);
    }

    private List<RecordTradeFillCommand> mine() {
        return posts.received.stream().filter(c -> c.tradeId().value().startsWith("T" + n + "-")).toList();
    }

    /** Publishes a fill of a sharing trader's and waits for it: everything published before it has been handled. */
    private void handledSoFar() {
        profile("marker", true, "marker");
        TradeId last = trade("marker", "marker-buy", "nobody", "nobody-sell");
        await().atMost(Duration.ofSeconds(30)).until(() -> mine().stream().anyMatch(c -> c.tradeId().equals(last)));
    }

    private List<RecordTradeFillCommand> mineBeforeMarker() {
        return mine().stream().filter(c -> !c.author().equals(user("marker"))).toList();
    }

    @Test
    void aFillOfASharingTradersPublicAccountIsRecordedOnTheOrdersTradePost() {
        profile("alice", true, "alice");
        TradeId tradeId = trade("alice", "a1", "bob", "b1");

        handledSoFar();
        assertThat(mineBeforeMarker()).containsExactly(fill("alice", "a1", Side.BUY, tradeId));
    }

    @Test
    void bothSidesAreRecordedWhenBothShare() {
        profile("alice", true, "alice");
        profile("bob", true, "bob");
        TradeId tradeId = trade("alice", "a1", "bob", "b1");

        handledSoFar();
        assertThat(mineBeforeMarker()).containsExactly(fill("alice", "a1", Side.BUY, tradeId), fill("bob", "b1", Side.SELL, tradeId));
    }

    @Test
    void nothingIsRecordedForATraderWhoDoesNotShareOrForOtherAccounts() {
        profile("alice", false, "alice");
        profile("bob", true, "bob-public");
        trade("alice", "a1", "bob", "b1");
        trade("carol", "c1", "dave", "d1");

        handledSoFar();
        assertThat(mineBeforeMarker()).isEmpty();
    }

    @Test
    void aChangedProfileIsInForceForTheTradesAfterIt() {
        profile("alice", true, "alice");
        TradeId shared = trade("alice", "a1", "bob", "b1");
        profile("alice", false, "alice");
        trade("alice", "a2", "bob", "b2");
        profile("alice", true, "alice-second");
        trade("alice", "a3", "bob", "b3");

        handledSoFar();
        assertThat(mineBeforeMarker()).containsExactly(fill("alice", "a1", Side.BUY, shared));
    }

    @Test
    void aFillThePostRefusesForGoodIsLeftOutAndLaterFillsAreStillRecorded() {
        profile("alice", true, "alice");
        trade("alice", "refused-quantity", "bob", "b1");
        trade("alice", "refused-overflow", "bob", "b2");
        trade("alice", "refused-code", "bob", "b3");
        TradeId recorded = trade("alice", "a4", "bob", "b4");

        handledSoFar();
        assertThat(mineBeforeMarker()).containsExactly(fill("alice", "a4", Side.BUY, recorded));
        assertThat(posts.attempts.get(order("refused-quantity")).get()).isEqualTo(1);
    }

    @Test
    void aFillThatLostARaceIsRetriedWithItsBatchAndRecorded() {
        profile("alice", true, "alice");
        TradeId raced = trade("alice", "raced", "bob", "b1");

        handledSoFar();
        assertThat(mineBeforeMarker()).contains(fill("alice", "raced", Side.BUY, raced));
        assertThat(posts.attempts.get(order("raced")).get()).isGreaterThan(1);
    }

    @Test
    void onlyRefusalsThatARetryWouldRepeatCountAsRefusedForGood() {
        assertThat(TradePostsProcessor.refusedForGood(new IllegalArgumentException("x"))).isTrue();
        assertThat(TradePostsProcessor.refusedForGood(new ArithmeticException("x"))).isTrue();
        assertThat(TradePostsProcessor.refusedForGood(new TandemException(ErrorCode.POST_NOT_FOUND, "x"))).isTrue();
        assertThat(TradePostsProcessor.refusedForGood(
                new CommandExecutionException("x", null, ErrorCode.INVALID_TEXT))).isTrue();
        assertThat(TradePostsProcessor.refusedForGood(new TandemException(ErrorCode.CONCURRENT_MODIFICATION, "x"))).isFalse();
        assertThat(TradePostsProcessor.refusedForGood(
                new CommandExecutionException("x", null, ErrorCode.CONCURRENT_MODIFICATION))).isFalse();
        assertThat(TradePostsProcessor.refusedForGood(new IllegalStateException("connection refused"))).isFalse();
    }

    @Test
    void aResetRebuildsWhoSharesWithoutSendingAnyFillAgain() {
        profile("alice", true, "alice");
        trade("alice", "a1", "bob", "b1");
        handledSoFar();
        int before = posts.received.size();

        StreamingEventProcessor processor = axon.eventProcessingConfiguration()
                .eventProcessor(TradePostsProcessor.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        assertThat(sharing.shared.containsKey(user("alice"))).as("cleared by the reset handler").isFalse();
        processor.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> !processor.isReplaying()
                && sharing.shared.containsKey(user("alice")));

        TradeId after = trade("alice", "a2", "bob", "b2");
        await().atMost(Duration.ofSeconds(30)).until(() -> mine().stream().anyMatch(c -> c.tradeId().equals(after)));
        assertThat(posts.received).hasSize(before + 1);
        assertThat(posts.received.get(before)).isEqualTo(fill("alice", "a2", Side.BUY, after));
    }
}
