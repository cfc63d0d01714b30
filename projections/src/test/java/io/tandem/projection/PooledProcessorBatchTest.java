package io.tandem.projection;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.tandem.contracts.account.AccountOpenedEvent;
import io.tandem.contracts.account.CashAdjustedEvent;
import io.tandem.contracts.account.CashReservedEvent;
import io.tandem.contracts.account.ReservationReleasedEvent;
import io.tandem.contracts.common.*;
import io.tandem.projection.portfolio.AccountProjector;
import io.tandem.projection.support.MongoReadModelTest;
import io.tandem.projection.support.ProjectionGaps;
import io.tandem.projection.support.ReadModelCollections;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static io.tandem.projection.support.ProjectionBatches.contents;
import static io.tandem.projection.support.ProjectionBatches.event;
import static io.tandem.projection.support.ProjectionBatches.oneByOne;
import static io.tandem.projection.support.TestEvents.ACME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The portfolio projector behind a real pooled streaming processor, as the application runs it:
 * batches of events in one unit of work, the token stored in the same commit, a failing handler (or
 * flush) failing the batch, which is then retried.
 */
class PooledProcessorBatchTest extends MongoReadModelTest {

    private static final int ACCOUNTS = 5;
    private static final int EVENTS_PER_ACCOUNT = 60;

    private EmbeddedEventStore eventStore;
    private ScheduledExecutorService coordinator;
    private ScheduledExecutorService worker;
    private PooledStreamingEventProcessor processor;
    private final AtomicInteger failedBatches = new AtomicInteger();
    private StreamableMessageSource<TrackedEventMessage<?>> source;

    @BeforeEach
    void eventStore() {
        ProjectionGaps.clear();
        failedBatches.set(0);
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        source = eventStore;
        coordinator = Executors.newSingleThreadScheduledExecutor();
        worker = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stop() {
        if (processor != null) {
            processor.shutDown();
        }
        eventStore.shutDown();
        coordinator.shutdownNow();
        worker.shutdownNow();
    }

    /** Opens accounts, credits them, then reserves and releases cash on them, accounts interleaved. */
    private static List<EventMessage<Object>> tradingDay() {
        List<EventMessage<Object>> events = new ArrayList<>();
        for (int n = 0; n < EVENTS_PER_ACCOUNT; n++) {
            for (int a = 0; a < ACCOUNTS; a++) {
                AccountId account = AccountId.of("acc-" + a);
                Object payload = switch (n == 0 ? 0 : n == 1 ? 1 : 2 + n % 2) {
                    case 0 -> new AccountOpenedEvent(account, UserId.of("user-" + a), AccountType.TRADING);
                    case 1 -> new CashAdjustedEvent(account, AdjustmentId.of("adj-" + a), Cash.parse("1000.00"), "x", UserId.of("admin"));
                    case 2 -> new CashReservedEvent(account, OrderId.of("o-" + n), ACME, Cash.ofCents(100 + n));
                    default -> new ReservationReleasedEvent(account, OrderId.of("o-" + (n - 1)), ACME, Cash.ofCents(100 + n - 1), Quantity.ZERO);
                };
                events.add(event("Account", account.value(), n, payload));
            }
        }
        return events;
    }

    private void startProcessor() {
        startProcessor(event -> false);
    }

    /** Starts the processor; the events {@code withheld} answers true for never reach the projector (lost on the way). */
    private void startProcessor(Predicate<EventMessage<?>> withheld) {
        processor = PooledStreamingEventProcessor.builder()
                .name(AccountProjector.PROCESSING_GROUP)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(new AccountProjector(database))
                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                        .build())
                .errorHandler(error -> {
                    failedBatches.incrementAndGet();
                    PropagatingErrorHandler.instance().handleError(error);
                })
                .messageSource(source)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.INSTANCE)
                .coordinatorExecutor(coordinator)
                .workerExecutor(worker)
                .initialSegmentCount(1)
                .batchSize(100)
                .initialToken(source -> source.createTailToken())
                .tokenClaimInterval(100)
                .build();
        processor.registerHandlerInterceptor((unitOfWork, chain) ->
                withheld.test(unitOfWork.getMessage()) ? null : chain.proceed());
        processor.start();
    }

    /** The event store, counting down {@code read} for every event read from it. */
    private StreamableMessageSource<TrackedEventMessage<?>> counting(CountDownLatch read) {
        EmbeddedEventStore store = eventStore;
        return new StreamableMessageSource<>() {
            @Override
            public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
                BlockingStream<TrackedEventMessage<?>> stream = store.openStream(token);
                return new BlockingStream<>() {
                    @Override
                    public Optional<TrackedEventMessage<?>> peek() {
                        return stream.peek();
                    }

                    @Override
                    public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
                        return stream.hasNextAvailable(timeout, unit);
                    }

                    @Override
                    public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
                        TrackedEventMessage<?> next = stream.nextAvailable();
                        read.countDown();
                        return next;
                    }

                    @Override
                    public void close() {
                        stream.close();
                    }

                    @Override
                    public boolean setOnAvailableCallback(Runnable callback) {
                        return stream.setOnAvailableCallback(callback);
                    }
                };
            }

            @Override
            public TrackingToken createTailToken() {
                return store.createTailToken();
            }

            @Override
            public TrackingToken createHeadToken() {
                return store.createHeadToken();
            }

            @Override
            public TrackingToken createTokenAt(Instant dateTime) {
                return store.createTokenAt(dateTime);
            }
        };
    }

    private void awaitStatus(Predicate<EventTrackerStatus> condition, String what) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .alias("the processor gets " + what)
                .until(() -> {
                    var statuses = processor.processingStatus().values();
                    return !statuses.isEmpty() && statuses.stream().allMatch(condition);
                });
    }

    /** Waits until {@code count} batches have failed (and been rolled back). */
    private void awaitFailures(int count) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).alias("a batch fails")
                .until(() -> failedBatches.get() >= count);
    }

    private void awaitCaughtUp(long events) throws InterruptedException {
        awaitStatus(status -> !status.isErrorState()
                && status.getCurrentPosition().orElse(-1) >= events - 1, "through all " + events + " events");
    }

    @Test
    void batchesOfAPooledStreamingProcessorEndAsOneEventAtATimeWithFarFewerWrites() throws Exception {
        List<EventMessage<Object>> events = tradingDay();
        MongoDatabase reference = emptyDatabase("one-by-one");
        oneByOne(new AccountProjector(reference), events);
        eventStore.publish(events);
        clearCommands();

        startProcessor();
        awaitCaughtUp(events.size());

        assertThat(contents(database)).isEqualTo(contents(reference));
        assertThat(failedBatches).hasValue(0);
        long updates = commands("update", database, ReadModelCollections.ACCOUNTS);
        assertThat(updates).as("bulk writes for %d events in batches of up to 100", events.size())
                .isPositive().isLessThanOrEqualTo(events.size() / 10);
    }

    @Test
    void anEventThatDidNotArriveHoldsItsBatchBackWhichIsRetriedUntilItDoesThenAllApply() throws Exception {
        List<EventMessage<Object>> events = tradingDay();
        MongoDatabase reference = emptyDatabase("one-by-one");
        oneByOne(new AccountProjector(reference), events);
        eventStore.publish(events);
        // acc-2's event 10 does not reach the projector, as if lost between the event store and it
        AtomicBoolean lost = new AtomicBoolean(true);
        // the first batch is all the processor has read when its worker starts: the worker waits until the coordinator
        // has read every event, so that the lost event and acc-2's next one (which finds the gap) are in one batch of
        // 100 (a batch cut between them would commit past the lost event, which then never arrives)
        CountDownLatch read = new CountDownLatch(events.size());
        source = counting(read);
        worker.execute(() -> {
            try {
                read.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        startProcessor(event -> lost.get() && event instanceof DomainEventMessage<?> domain
                && domain.getAggregateIdentifier().equals("acc-2") && domain.getSequenceNumber() == 10);

        awaitFailures(2); // tried, failed, retried, failed again
        // the lost event's global position (events interleave the accounts); batches before it may have committed,
        // however the processor cut them, but nothing at or after it
        long gapPosition = 10L * ACCOUNTS + 2;
        assertThat(processor.processingStatus().values()).allSatisfy(status ->
                assertThat(status.getCurrentPosition().orElse(-1)).as("no token stored past the gap").isLessThan(gapPosition));
        var accounts = database.getCollection(ReadModelCollections.ACCOUNTS);
        for (int a = 0; a < ACCOUNTS; a++) {
            Document account = accounts.find(Filters.eq("_id", "acc-" + a)).first();
            long lastSeq = account == null ? -1 : account.get("lastSeq", Number.class).longValue();
            assertThat(lastSeq * ACCOUNTS + a).as("acc-%d applied nothing at or past the gap's position", a).isLessThan(gapPosition);
        }
        assertThat(ProjectionGaps.open()).singleElement().satisfies(gap -> {
            assertThat(gap.aggregateId()).isEqualTo("acc-2");
            assertThat(gap.head()).isEqualTo(9);
            assertThat(gap.next()).isEqualTo(11);
        });

        lost.set(false); // it turns up (a late commit the next read sees): the retried batch goes through
        awaitCaughtUp(events.size());

        assertThat(contents(database)).isEqualTo(contents(reference));
        assertThat(ProjectionGaps.open()).isEmpty();
    }

    @Test
    void aFailingBulkWriteFailsTheBatchWhichIsRetriedAndAppliedOnce() throws Exception {
        List<EventMessage<Object>> events = tradingDay();
        MongoDatabase reference = emptyDatabase("one-by-one");
        oneByOne(new AccountProjector(reference), events);
        new AccountProjector(database); // the read model starts empty with this version (its stream heads too)
        // acc-3's cash is not a number: its first credit fails the bulk write of the batch
        var accounts = database.getCollection(ReadModelCollections.ACCOUNTS);
        accounts.insertOne(new Document("_id", "acc-3").append("available", "corrupt").append("lastSeq", -1L));
        eventStore.publish(events);

        startProcessor();
        awaitFailures(2); // tried, failed, retried, failed again
        assertThat(processor.processingStatus().values()).allSatisfy(status ->
                assertThat(status.getCurrentPosition().orElse(-1)).as("no token stored past the failing batch").isLessThan(99));

        // Repaired while the processor is stopped (a retry in flight could otherwise write acc-3 again
        // around the repair), then started again from its stored token: the retried batch goes through.
        processor.shutdownAsync().get(30, TimeUnit.SECONDS);
        accounts.deleteOne(Filters.eq("_id", "acc-3"));
        startProcessor();
        awaitCaughtUp(events.size());

        assertThat(contents(database)).isEqualTo(contents(reference));
        assertThat(failedBatches).hasValueGreaterThanOrEqualTo(2);
    }
}
