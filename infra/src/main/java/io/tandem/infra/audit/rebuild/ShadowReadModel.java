package io.tandem.infra.audit.rebuild;

import com.mongodb.client.MongoDatabase;
import io.tandem.infra.audit.AuditJobs;
import io.tandem.infra.audit.Progress;
import io.tandem.infra.readmodel.AliasedMongoDatabase;
import io.tandem.infra.readmodel.ReadModelAliases;
import io.tandem.projection.feed.FeedConfiguration;
import io.tandem.projection.feed.FeedProjector;
import io.tandem.projection.support.InstrumentFormats;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * One processing group's read model built again from the event log under new physical collection
 * names ({@code accounts__r<id>}), by the group's own projector classes in a pooled streaming processor
 * of its own, named after the run ({@code <group>__rebuild__r<id>}, the same suffix as its collections, see
 * {@link #processorName}), with its own token: a run whose lock was taken over while it was still alive uses
 * other token rows than the new holder's, so it cannot move or delete the new holder's token.
 * <p>
 * The projectors are constructed in a small Spring context without a parent, which holds only what a
 * projector may need: the shadow database (the group's collections mapped to the new names, every
 * other collection read through the current aliases and read-only), a {@link NoPushEmitter}, the
 * instrument catalog over that database and the feed's settings. There is no command bus, no event bus
 * and no live emitter in it to inject, so a rebuild cannot send a command or a push. The processor
 * starts with a replay token at the head, so projectors see {@code ReplayStatus.REPLAY} up to the head
 * as in an Axon reset.
 */
final class ShadowReadModel implements AutoCloseable {

    /** How long a processor may fail without progress before a rebuild gives up, unless {@code tandem.rebuild.stall-timeout} says otherwise. */
    static final Duration STUCK = Duration.ofMinutes(2);

    private final ProjectionGroups.Group group;
    private final MongoDatabase raw;
    private final Map<String, String> physical = new LinkedHashMap<>();
    private final String processorName;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;
    private final NoPushEmitter emitter = new NoPushEmitter();
    private final LongAdder handled = new LongAdder();
    private final AnnotationConfigApplicationContext context;
    private final PooledStreamingEventProcessor processor;
    private final List<ScheduledExecutorService> executors = new ArrayList<>();
    private final BoundedMessageSource bounded;
    private volatile Throwable lastError;
    private volatile String aborted;
    private volatile Runnable guard = () -> {
    };

    ShadowReadModel(ProjectionGroups.Group group, String suffix, MongoDatabase database, ReadModelAliases aliases,
                    Environment environment, StreamableMessageSource<TrackedEventMessage<?>> events, TokenStore tokenStore,
                    TransactionManager transactions, int batchSize, Supplier<TrackingToken> limit, long maxEventsPerSecond) {
        this.group = group;
        this.raw = AliasedMongoDatabase.raw(database);
        this.processorName = processorName(group, suffix);
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        group.collections().forEach(logical -> physical.put(logical, logical + suffix));
        MongoDatabase shadow = AliasedMongoDatabase.view(raw,
                logical -> physical.containsKey(logical) ? physical.get(logical) : aliases.physical(logical),
                physical::containsKey);
        this.bounded = limit == null ? null : new BoundedMessageSource(events, limit, maxEventsPerSecond);
        dropCollections();
        deleteTokens();
        this.context = projectors(shadow, environment);
        List<Object> projectors = new ArrayList<>();
        group.handlers().forEach(type -> projectors.add(context.getBean(type)));
        this.processor = PooledStreamingEventProcessor.builder()
                .name(processorName)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(projectors)
                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance()).build())
                .errorHandler(errorContext -> {
                    lastError = errorContext.error();
                    PropagatingErrorHandler.instance().handleError(errorContext);
                })
                .messageSource(bounded == null ? events : bounded)
                .tokenStore(tokenStore)
                .transactionManager(transactions)
                .coordinatorExecutor(name -> executor(name))
                .workerExecutor(name -> executor(name))
                .initialSegmentCount(1)
                .batchSize(batchSize)
                .initialToken(source -> ReplayToken.createReplayToken(source.createHeadToken(), source.createTailToken()))
                .build();
        processor.registerHandlerInterceptor((unitOfWork, chain) -> {
            handled.increment();
            return chain.proceed();
        });
    }

    /**
     * The name of the shadow processor of the run whose shadow collections end with {@code suffix}
     * ({@code __r<id>} or {@code __v<id>}, {@link ProcessorControl#shadowSuffix}): {@code <group>__rebuild<suffix>},
     * used by no other run, so its token rows are the run's own.
     */
    static String processorName(ProjectionGroups.Group group, String suffix) {
        return legacyProcessorName(group) + suffix;
    }

    /** The name every run's shadow processor of {@code group} had in earlier versions, whose rows the cleanup still removes. */
    static String legacyProcessorName(ProjectionGroups.Group group) {
        return group.name() + "__rebuild";
    }

    /** This shadow's processor name (its token rows). */
    String processorName() {
        return processorName;
    }

    private AnnotationConfigApplicationContext projectors(MongoDatabase shadow, Environment environment) {
        AnnotationConfigApplicationContext child = new AnnotationConfigApplicationContext();
        child.setId("rebuild-" + group.name());
        if (environment instanceof ConfigurableEnvironment configurable) {
            child.getEnvironment().merge(configurable);
        }
        child.registerBean("shadowReadModels", MongoDatabase.class, () -> shadow);
        child.registerBean("noPushEmitter", QueryUpdateEmitter.class, emitter::emitter);
        child.registerBean("shadowInstrumentFormats", InstrumentFormats.class, () -> new InstrumentFormats(shadow));
        if (group.handlers().contains(FeedProjector.class)) {
            child.register(FeedConfiguration.class);
        }
        group.handlers().forEach(type -> child.registerBean(type));
        child.refresh();
        return child;
    }

    private ScheduledExecutorService executor(String name) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        executors.add(executor);
        return executor;
    }

    /** Logical name to the shadow's physical collection. */
    Map<String, String> physicalNames() {
        return physical;
    }

    NoPushEmitter emitter() {
        return emitter;
    }

    AnnotationConfigApplicationContext context() {
        return context;
    }

    long eventsHandled() {
        return handled.sum();
    }

    /**
     * Starts the shadow's processor; refuses once {@linkplain #abort aborted} (a run whose lock was lost before
     * it started must not start it again).
     */
    synchronized void start() {
        if (aborted != null) {
            throw stopped();
        }
        processor.start();
    }

    /** Called at every step of {@link #awaitPosition}: a check that throws to end the wait (the lock's {@link RebuildLock#check()}). */
    void guard(Runnable check) {
        this.guard = check;
    }

    private IllegalStateException stopped() {
        return new IllegalStateException("the rebuild of '" + group.name() + "' was stopped: " + aborted);
    }

    void stop() {
        processor.shutDown();
    }

    /**
     * Reads the rest of the log at full speed ({@code tandem.rebuild.max-events-per-second} no longer holds
     * it back): for the last catch-up, once the shadow has reached the head, while the live processor waits.
     */
    void unthrottle() {
        if (bounded != null) {
            bounded.unthrottle();
        }
    }

    /**
     * Stops the shadow's processor for good, from any thread (the run lost its lock): {@link #awaitPosition}
     * then fails with {@code reason}.
     */
    synchronized void abort(String reason) {
        aborted = reason;
        processor.shutDown();
    }

    /** The lowest position the shadow's segments have reached; empty before it has claimed a segment. */
    OptionalLong position() {
        return lowest(processor);
    }

    static OptionalLong lowest(PooledStreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        if (status.isEmpty()) {
            return OptionalLong.empty();
        }
        long lowest = Long.MAX_VALUE;
        for (EventTrackerStatus segment : status.values()) {
            OptionalLong position = segment.getCurrentPosition();
            lowest = Math.min(lowest, position.orElse(-1));
        }
        return OptionalLong.of(lowest);
    }

    /**
     * Waits until the shadow has reached {@code target} (a global position), reporting its progress
     * from {@code tail}; fails when a batch keeps failing without progress for {@code stuck}, at once when a
     * projector wrote a collection of another group, and when the {@linkplain #guard guard} throws.
     */
    void awaitPosition(long target, long tail, Supplier<Long> head, Progress progress, Duration stuck) throws InterruptedException {
        long best = Long.MIN_VALUE;
        long progressedAt = System.nanoTime();
        long lastPhase = 0;
        while (true) {
            if (aborted != null) {
                throw stopped();
            }
            guard.run();
            long at = position().orElse(tail);
            if (at >= target) {
                progress.done(at - tail);
                return;
            }
            if (at > best) {
                best = at;
                progressedAt = System.nanoTime();
            }
            Throwable error = lastError;
            if (error instanceof AliasedMongoDatabase.ReadOnlyException
                    || (error != null && System.nanoTime() - progressedAt > stuck.toNanos())) {
                throw new IllegalStateException("the rebuild of '" + group.name() + "' fails at position " + at + ": "
                        + AuditJobs.brief(String.valueOf(error)), error);
            }
            if (System.nanoTime() - lastPhase > 1_000_000_000L) {
                lastPhase = System.nanoTime();
                long now = head.get();
                progress.phase("replaying " + group.name() + " (lag " + Math.max(0, now - at) + " events)", Math.max(1, target - tail));
            }
            progress.done(at - tail);
            Thread.sleep(50);
        }
    }

    /** The shadow's stored position (call it stopped): the token a live processor resumes from after a switch. */
    TrackingToken storedToken() {
        return transactions.fetchInTransaction(() -> {
            TrackingToken token = tokenStore.fetchToken(processorName, 0);
            tokenStore.releaseClaim(processorName, 0);
            return WrappedToken.unwrapLowerBound(token);
        });
    }

    long documents(String logical) {
        return raw.getCollection(physical.get(logical)).countDocuments();
    }

    void dropCollections() {
        java.util.Set<String> existing = raw.listCollectionNames().into(new java.util.HashSet<>());
        physical.values().stream().filter(existing::contains).forEach(name -> raw.getCollection(name).drop());
    }

    void deleteTokens() {
        transactions.executeInTransaction(() -> {
            for (int segment : tokenStore.fetchSegments(processorName)) {
                try {
                    tokenStore.fetchToken(processorName, segment);
                    tokenStore.deleteToken(processorName, segment);
                } catch (org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException gone) {
                    // deleted meanwhile (the next holder's cleanup of a run taken for dead): nothing left to delete
                }
            }
        });
    }

    @Override
    public void close() {
        try {
            processor.shutDown();
        } finally {
            executors.forEach(ScheduledExecutorService::shutdownNow);
            context.close();
        }
    }
}
