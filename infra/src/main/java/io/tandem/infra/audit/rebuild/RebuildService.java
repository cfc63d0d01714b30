package io.tandem.infra.audit.rebuild;

import io.tandem.infra.audit.AuditJobs;
import io.tandem.infra.audit.Progress;
import io.tandem.infra.config.ProcessorFailures;
import io.tandem.infra.readmodel.ReadModelAliases;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.springframework.stereotype.Service;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.tandem.projection.support.ReadModelCollections;
import org.axonframework.eventhandling.EventTrackerStatus;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code audit rebuild --processor NAME [--side-by-side]}: replays one read-model processing group.
 * <ul>
 *   <li><b>Side by side</b>: a {@link ShadowReadModel} builds the group's collections again under new
 *       names while the live ones keep serving. The shadow reads the log through a {@link BoundedMessageSource}
 *       limited by the live processor's position, so it never gets ahead of it. When the shadow is at the
 *       head, the live processor (in the server) is stopped at its stored position L, the shadow brought to
 *       exactly L and stopped, the {@link ReadModelAliases} switched in one step and the live processor
 *       started again from its own, untouched token L. No token is written (except for a group split in
 *       segments at different positions: all are set to the lowest, L, before the switch): a crash before the switch
 *       leaves the old collections at L, after it the new ones at L, so nothing is applied twice or lost.
 *       A failure after the switch switches back; the live processor is started again whatever fails
 *       once it was stopped; a shadow that was never switched is dropped with its token. The replaced
 *       collections are dropped only after a grace period ({@link ReadModelAliases}: other nodes poll the
 *       map). After a switch of {@code performance} the leaderboard ranker's reset count is bumped, so
 *       the ranker drops its caches as after a reset. Queries answer from the old read model until the
 *       switch and from the new one after.</li>
 *   <li><b>In place</b> (server): the live processor is stopped, reset (Axon's reset: reset handlers
 *       clear the read model, replay status on, {@code @DisallowReplay} honoured) and started; the call
 *       returns when it is back at the head, and fails when it made no progress for the stall timeout
 *       ({@code tandem.rebuild.stall-timeout}, {@link ShadowReadModel#STUCK}), naming the processor's last
 *       failure ({@link ProcessorFailures}). The processor is left running then: its read model is
 *       partly rebuilt, it keeps retrying the failing batch, and it catches up by itself once the cause
 *       is fixed (stopping it would leave the read model behind for good).</li>
 * </ul>
 * Several server nodes: a server refuses (SERVER_RUNS_IT, naming the owner) a group whose token segment
 * another node claims, so the rebuild runs on the node that processes the group and stops the processor
 * that writes; the other nodes follow the switch within the alias poll interval.
 * In the command line (no live processor) both modes build the shadow up to the group's stored token and
 * switch, since nothing serves queries meanwhile; a group whose tokens a running server claims is
 * refused ({@code --server}).
 * Sagas, processes and lookup tables are refused ({@link ProjectionGroups}), and so is a second rebuild
 * of a group that one process is rebuilding already ({@link RebuildLock}). A run whose lock another
 * process took over (taken for dead after a long pause) stops as soon as its heartbeat finds out, and
 * does not switch: the switch is preceded by a compare-and-set on the lock, and followed by another one; a run
 * that finds it lost its lock right after switching switches back. It then drops only its own shadow
 * collections and token rows: its shadow processor is named after the run ({@link ShadowReadModel#processorName}),
 * so while it runs on it cannot move the new holder's shadow token.
 */
@Service
public class RebuildService {

    private static final String PERFORMANCE = "performance";

    private final ProcessorControl control;
    /** Runs right after the alias switch, before the lock is confirmed again (tests: a lock lost at that moment). */
    volatile Runnable afterSwitch = () -> {
    };

    public RebuildService(ProcessorControl control) {
        this.control = control;
    }

    /** The groups a rebuild accepts. */
    public java.util.Set<String> rebuildable() {
        return control.groups.rebuildableNames();
    }

    /**
     * Refuses, before anything runs, a group that is unknown or not rebuildable (as {@link #rebuild} would).
     *
     * In a server, a group whose token another node claims is refused too (SERVER_RUNS_IT, naming it).
     *
     * @throws RebuildRefusedException UNKNOWN_PROCESSOR, NOT_REBUILDABLE or SERVER_RUNS_IT
     */
    public void check(String processor) {
        ProjectionGroups.Group group = control.groups.rebuildable(processor);
        if (control.live(group.name()).isPresent()) {
            control.refuseIfClaimedByAnotherNode(group.name());
        }
    }

    /**
     * Rebuilds {@code processor}'s read model.
     *
     * @throws RebuildRefusedException when the group is unknown, not rebuildable, being rebuilt, or run by a server elsewhere
     */
    public RebuildReport rebuild(String processor, boolean sideBySide, Progress progress) {
        ProjectionGroups.Group group = control.groups.rebuildable(processor);
        try (RebuildLock lock = control.lock(group.name(), "rebuild")) {
            Optional<PooledStreamingEventProcessor> live = control.live(group.name());
            if (live.isEmpty()) {
                control.refuseIfClaimedElsewhere(group.name());
            } else {
                control.refuseIfClaimedByAnotherNode(group.name());
            }
            control.clearLeftovers(group);
            if (!sideBySide && live.isPresent()) {
                lock.confirm();
                return inPlace(group, live.get(), progress);
            }
            return sideBySide(group, live.orElse(null), sideBySide, progress, lock);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rebuild of " + processor + " interrupted", e);
        }
    }

    private RebuildReport sideBySide(ProjectionGroups.Group group, PooledStreamingEventProcessor live, boolean sideBySide,
                                     Progress progress, RebuildLock lock) throws InterruptedException {
        long started = System.nanoTime();
        String suffix = ProcessorControl.shadowSuffix('r', lock);
        long tail = control.tail();
        long pausedAt = 0;
        long paused = 0;
        boolean stopped = false;
        Map<String, String> replaced = null;
        boolean done = false;
        Map<String, Long> documents = new LinkedHashMap<>();
        long handled;
        long reached;
        // the shadow never gets ahead of the live processor: first its running position, then its stored token
        AtomicReference<Supplier<TrackingToken>> limit = new AtomicReference<>();
        if (live != null) {
            limit.set(() -> ReadModelVerifier.running(live));
        } else {
            TrackingToken stored = control.storedToken(group.name());
            limit.set(() -> stored);
        }
        ShadowReadModel shadow = new ShadowReadModel(group, suffix, control.database, control.aliases,
                control.environment, control.eventStore, control.tokenStore, control.transactions,
                control.batchSize(group.name()), () -> limit.get().get(), control.maxEventsPerSecond);
        // a run whose lock another process took over (it was taken for dead) stops: that process may be building
        // a shadow of its own (other collections, another shadow processor and token), and switches to it
        lock.onLost(reason -> shadow.abort(RebuildLock.lostException(group.name(), reason).getMessage()));
        shadow.guard(lock::check);
        Throwable failure = null;
        try {
            progress.phase("replaying " + group.name(), Math.max(1, control.head() - tail));
            shadow.start();
            if (live != null) {
                shadow.awaitPosition(control.head(), tail, control::head, progress, control.stallTimeout);
                // at the head: the last catch-up, while the live processor waits, goes at full speed
                shadow.unthrottle();
                pausedAt = System.nanoTime();
                stopped = true;
                live.shutDown();
                TrackingToken stored = control.storedToken(group.name());
                limit.set(() -> stored);
            }
            TrackingToken target = limit.get().get();
            reached = target == null ? tail : target.position().orElse(tail);
            if (target != null) {
                progress.phase("catching up " + group.name() + " to the live processor", Math.max(1, reached - tail));
                shadow.awaitPosition(reached, tail, control::head, progress, control.stallTimeout);
            }
            shadow.stop();
            // still ours? (compare-and-set on the lock, which also renews it for a stale time): a run taken for dead
            // whose lock was taken over must not switch, nor touch the live tokens
            lock.confirm();
            // the shadow is at exactly the live token: switching needs no token written, and a crash before or
            // after the switch leaves the serving collections and the token consistent. Segments at different
            // positions (a split group) are all set to the lowest one first, before the switch: a crash in between
            // then only re-applies, to the old collections, events the segments ahead had handled already
            if (target != null && control.segmentPositions(group.name()) > 1) {
                control.storeToken(group.name(), target);
            }
            replaced = control.aliases.switchTo(shadow.physicalNames());
            afterSwitch.run();
            // still ours after the switch? A run whose lock was taken over meanwhile switches back (the finally below)
            try {
                lock.confirm();
            } catch (IllegalStateException lost) {
                throw new IllegalStateException(lost.getMessage() + " (it had switched already: it switches back)", lost);
            }
            if (group.name().equals(PERFORMANCE)) {
                bumpRankerResets();
            }
            if (live != null) {
                live.start();
                paused = (System.nanoTime() - pausedAt) / 1_000_000;
            }
            group.collections().forEach(logical -> documents.put(logical, shadow.documents(logical)));
            handled = shadow.eventsHandled();
            done = true;
        } catch (Throwable e) {
            failure = e;
            throw e;
        } finally {
            // every step runs whatever the one before threw; what they throw is added to the run's failure
            Steps cleanup = new Steps(failure);
            boolean switchBack = !done && replaced != null;
            Map<String, String> serveAgain = replaced;
            // the live processor did not start on the new collections, or the lock was lost: serve the old ones again
            cleanup.run(() -> {
                if (switchBack) {
                    control.aliases.switchTo(serveAgain);
                }
            });
            boolean restart = stopped;
            cleanup.run(() -> {
                if (restart && !live.isRunning()) {
                    live.start();
                }
            });
            cleanup.run(shadow::close);
            // the shadow processor's token rows: named after this run, no other run uses them, lock lost or not
            cleanup.run(shadow::deleteTokens);
            boolean neverSwitched = replaced == null;
            cleanup.run(() -> {
                if (neverSwitched) {
                    shadow.dropCollections();
                }
            });
            cleanup.rethrow();
        }
        long ms = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        return new RebuildReport(group.name(), sideBySide ? "side-by-side" : "in-place (command line: built and switched)",
                handled, Math.max(0, reached - tail), ms, handled * 1000 / ms, shadow.physicalNames(), documents, paused);
    }

    /**
     * Cleanup steps that each run whatever the one before threw: the first failure (the run's own, when it failed)
     * is thrown at the end, the others added to it as suppressed.
     */
    static final class Steps {

        private Throwable failure;
        private final boolean runFailed;

        Steps(Throwable runFailure) {
            this.failure = runFailure;
            this.runFailed = runFailure != null;
        }

        void run(Runnable step) {
            try {
                step.run();
            } catch (Throwable e) {
                if (failure == null) {
                    failure = e;
                } else if (failure != e) {
                    failure.addSuppressed(e);
                }
            }
        }

        /** Throws the first step's failure when the run itself did not fail (its own failure propagates by itself). */
        void rethrow() {
            if (failure == null || runFailed) {
                return;
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(failure);
        }
    }

    /**
     * Tells the leaderboard ranker that the {@code performance} read model changed under it, as that
     * group's reset handler does (a rebuild replays without a reset, so it does not run): the ranker
     * drops its caches when the count changed ({@code LeaderboardRanker.RESET}/{@code RESETS}).
     */
    private void bumpRankerResets() {
        control.database.getCollection(control.aliases.physical(ReadModelCollections.LEADERBOARD_RANKER))
                .updateOne(Filters.eq("_id", "reset"), Updates.inc("resets", 1L), new UpdateOptions().upsert(true));
    }

    /** Why the processor stands still: a segment in error, else its last failure since {@code sinceNanos}, else what is known. */
    private String stallReason(PooledStreamingEventProcessor live, long sinceNanos) {
        Optional<String> inError = live.processingStatus().values().stream().filter(EventTrackerStatus::isErrorState)
                .map(status -> AuditJobs.brief(String.valueOf(status.getError()))).distinct().reduce((a, b) -> a + "; " + b);
        if (inError.isPresent()) {
            return inError.get();
        }
        Optional<ProcessorFailures.Failure> failure = control.lastFailure(live.getName(), sinceNanos);
        if (failure.isPresent()) {
            return "its last batch failed " + (System.nanoTime() - failure.get().atNanos()) / 1_000_000 + " ms ago: "
                    + AuditJobs.brief(String.valueOf(failure.get().error()));
        }
        return live.isRunning() ? "no failure reported" : "the processor is not running";
    }

    private RebuildReport inPlace(ProjectionGroups.Group group, PooledStreamingEventProcessor live, Progress progress)
            throws InterruptedException {
        long started = System.nanoTime();
        long tail = control.tail();
        long head = control.head();
        progress.phase("replaying " + group.name() + " in place", Math.max(1, head - tail));
        live.shutDown();
        try {
            live.resetTokens();
        } finally {
            live.start();
        }
        long best = Long.MIN_VALUE;
        long progressedAt = System.nanoTime();
        while (true) {
            long at = ShadowReadModel.lowest(live).orElse(tail);
            progress.done(Math.max(0, at - tail));
            if (at >= head) {
                break;
            }
            if (at > best) {
                best = at;
                progressedAt = System.nanoTime();
            } else if (System.nanoTime() - progressedAt > control.stallTimeout.toNanos()) {
                // left running: it keeps retrying, and catches up by itself once what fails it is fixed
                throw new IllegalStateException("the in-place rebuild of '" + group.name() + "' made no progress for "
                        + control.stallTimeout.toMillis() / 1000.0 + " s at position " + at + " (head " + head + "): "
                        + stallReason(live, started) + "; the processor is left running and retrying");
            }
            Thread.sleep(50);
        }
        long ms = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        Map<String, Long> documents = new LinkedHashMap<>();
        Map<String, String> serving = new LinkedHashMap<>();
        group.collections().forEach(logical -> {
            String physical = control.aliases.physical(logical);
            serving.put(logical, physical);
            documents.put(logical, control.database.getCollection(physical).countDocuments());
        });
        long positions = Math.max(0, head - tail);
        return new RebuildReport(group.name(), "in-place", positions, positions, ms, positions * 1000 / ms, serving,
                documents, ms);
    }
}
