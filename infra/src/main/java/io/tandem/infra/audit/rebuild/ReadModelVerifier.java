package io.tandem.infra.audit.rebuild;

import io.tandem.infra.audit.Progress;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * {@code audit verify read-models}: every rebuildable group's read model rebuilt from the log into a
 * shadow ({@link ShadowReadModel}, nothing switched) and compared with the live one, collection by
 * collection ({@link DocumentDiff}).
 * <p>
 * Both sides are compared at the same position. The shadow reads the log through a
 * {@link BoundedMessageSource} limited by the live processor's position, so it never gets ahead of
 * it. In the server the shadow first follows the running live processor; then the live processor is
 * stopped, the shadow brought to exactly the live processor's stored position, the collections compared
 * and the live processor started again (it is paused for the last catch-up and the comparison; queries
 * keep answering meanwhile); a group whose segment another node claims is refused (SERVER_RUNS_IT), since that
 * node would keep writing the live side. In the command line the live position is the group's stored token. The
 * shadow and its token are dropped afterwards.
 * <p>
 * The projectors use no wall clock and no randomness (every time they store comes from an event), so
 * no field is excluded from the comparison; {@link ProjectionGroups#NOT_FROM_EVENTS} are excluded whole.
 */
@Service
public class ReadModelVerifier {

    /** Differences listed per read model; the count covers all of them. */
    static final int FIRST_DIFFERENCES = 10;

    private final ProcessorControl control;
    public ReadModelVerifier(ProcessorControl control) {
        this.control = control;
    }

    /** Verifies every rebuildable group. */
    public ReadModelReport verify(Progress progress) {
        return verify(List.copyOf(control.groups.rebuildableNames()), progress);
    }

    /** Verifies the named groups (each must be rebuildable). */
    public ReadModelReport verify(List<String> groupNames, Progress progress) {
        long started = System.nanoTime();
        List<ReadModelReport.GroupResult> results = new ArrayList<>();
        for (String name : groupNames) {
            ProjectionGroups.Group group = control.groups.rebuildable(name);
            try (RebuildLock lock = control.lock(group.name(), "read-model verification")) {
                results.add(verify(group, progress, lock));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("verification interrupted", e);
            }
        }
        return new ReadModelReport(results, ProjectionGroups.NOT_FROM_EVENTS, (System.nanoTime() - started) / 1_000_000);
    }

    private ReadModelReport.GroupResult verify(ProjectionGroups.Group group, Progress progress, RebuildLock lock)
            throws InterruptedException {
        Optional<PooledStreamingEventProcessor> live = control.live(group.name());
        AtomicReference<Supplier<TrackingToken>> limit = new AtomicReference<>();
        if (live.isPresent()) {
            control.refuseIfClaimedByAnotherNode(group.name());
            limit.set(() -> running(live.get()));
        } else {
            control.refuseIfClaimedElsewhere(group.name());
            TrackingToken stored = control.storedToken(group.name());
            limit.set(() -> stored);
        }
        control.clearLeftovers(group);
        long tail = control.tail();
        String suffix = ProcessorControl.shadowSuffix('v', lock);
        try (ShadowReadModel shadow = new ShadowReadModel(group, suffix, control.database, control.aliases,
                control.environment, control.eventStore, control.tokenStore, control.transactions,
                control.batchSize(group.name()), () -> limit.get().get(), control.maxEventsPerSecond)) {
            lock.onLost(reason -> shadow.abort(RebuildLock.lostException(group.name(), reason).getMessage()));
            shadow.guard(lock::check);
            Throwable failure = null;
            try {
                progress.phase("rebuilding " + group.name() + " to compare", Math.max(1, control.head() - tail));
                shadow.start();
                if (live.isPresent()) {
                    shadow.awaitPosition(control.head(), tail, control::head, progress, control.stallTimeout);
                    shadow.unthrottle();
                    live.get().shutDown();
                    TrackingToken stored = control.storedToken(group.name());
                    limit.set(() -> stored);
                }
                TrackingToken target = limit.get().get();
                long position = target == null ? -1 : target.position().orElse(-1);
                if (position >= 0) {
                    shadow.awaitPosition(position, tail, control::head, progress, control.stallTimeout);
                }
                shadow.stop();
                // a shadow whose lock was taken over may have been dropped by the new holder: no comparison then
                lock.confirm();
                progress.phase("comparing " + group.name(), group.collections().size());
                List<DocumentDiff.Result> models = new ArrayList<>();
                for (String logical : group.collections()) {
                    models.add(DocumentDiff.compare(logical,
                            control.database.getCollection(control.aliases.physical(logical)),
                            control.database.getCollection(shadow.physicalNames().get(logical)), FIRST_DIFFERENCES));
                    progress.done(models.size());
                }
                // still ours after the comparison? Otherwise the new holder may have dropped the shadow meanwhile
                lock.confirm();
                return new ReadModelReport.GroupResult(group.name(), position, models);
            } catch (Throwable e) {
                failure = e;
                throw e;
            } finally {
                // every step runs whatever the one before threw; what they throw is added to the run's failure
                RebuildService.Steps cleanup = new RebuildService.Steps(failure);
                cleanup.run(() -> {
                    if (live.isPresent() && !live.get().isRunning()) {
                        live.get().start();
                    }
                });
                cleanup.run(shadow::stop);
                // named after this run: its own token rows, lock lost or not
                cleanup.run(shadow::deleteTokens);
                cleanup.run(shadow::dropCollections);
                cleanup.rethrow();
            }
        }
    }

    /** The running processor's position now (in memory), or null before it has claimed its segments. */
    static TrackingToken running(PooledStreamingEventProcessor processor) {
        TrackingToken lowest = null;
        for (EventTrackerStatus status : processor.processingStatus().values()) {
            TrackingToken token = WrappedToken.unwrapLowerBound(status.getTrackingToken());
            if (token == null) {
                return null;
            }
            if (lowest == null || token.position().orElse(-1) < lowest.position().orElse(-1)) {
                lowest = token;
            }
        }
        return lowest;
    }
}
