package io.tandem.infra.audit.rebuild;

import com.mongodb.client.MongoDatabase;
import io.tandem.infra.audit.Progress;
import io.tandem.infra.readmodel.ReadModelAliases;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code audit rebuild --processor NAME [--side-by-side]}: replays one read-model processing group.
 * <ul>
 *   <li><b>Side by side</b>: a {@link ShadowReadModel} builds the group's collections again under new
 *       names while the live ones keep serving. When the shadow is at the head, the live processor (in
 *       the server) is stopped, the shadow brought to at least its position and stopped, the
 *       {@link ReadModelAliases} switched in one step, the live processor's tokens set to the shadow's
 *       position and the processor started again; then the old collections and the shadow's token are
 *       dropped. Queries answer from the old read model until the switch and from the new one after.</li>
 *   <li><b>In place</b> (server): the live processor is stopped, reset (Axon's reset: reset handlers
 *       clear the read model, replay status on, {@code @DisallowReplay} honoured) and started; the call
 *       returns when it is back at the head.</li>
 * </ul>
 * In the command line (no live processor) both modes build the shadow and switch, since nothing serves
 * queries meanwhile; a group whose tokens a running server claims is refused ({@code --server}).
 * Sagas, processes and lookup tables are refused ({@link ProjectionGroups}), and so is a second rebuild
 * of a group that one process is rebuilding already ({@link RebuildLock}).
 */
@Service
public class RebuildService {

    private final ProcessorControl control;

    public RebuildService(EventStore eventStore, TokenStore tokenStore, TransactionManager transactionManager,
                          MongoDatabase mongoDatabase, ObjectProvider<ReadModelAliases> aliases,
                          ObjectProvider<EventProcessingConfiguration> processing, Environment environment, Clock clock) {
        this.control = new ProcessorControl(eventStore, tokenStore, transactionManager, mongoDatabase, aliases, processing,
                environment, clock);
    }

    /** The groups a rebuild accepts. */
    public java.util.Set<String> rebuildable() {
        return control.groups.rebuildableNames();
    }

    /**
     * Refuses, before anything runs, a group that is unknown or not rebuildable (as {@link #rebuild} would).
     *
     * @throws RebuildRefusedException UNKNOWN_PROCESSOR or NOT_REBUILDABLE
     */
    public void check(String processor) {
        control.groups.rebuildable(processor);
    }

    /**
     * Rebuilds {@code processor}'s read model.
     *
     * @throws RebuildRefusedException when the group is unknown, not rebuildable, being rebuilt, or run by a server elsewhere
     */
    public RebuildReport rebuild(String processor, boolean sideBySide, Progress progress) {
        ProjectionGroups.Group group = control.groups.rebuildable(processor);
        try (RebuildLock lock = RebuildLock.acquire(control.database, group.name(), "rebuild", control.clock)) {
            Optional<PooledStreamingEventProcessor> live = control.live(group.name());
            if (live.isEmpty()) {
                control.refuseIfClaimedElsewhere(group.name());
            }
            if (!sideBySide && live.isPresent()) {
                return inPlace(group, live.get(), progress);
            }
            return sideBySide(group, live.orElse(null), sideBySide, progress);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rebuild of " + processor + " interrupted", e);
        }
    }

    private RebuildReport sideBySide(ProjectionGroups.Group group, PooledStreamingEventProcessor live, boolean sideBySide,
                                     Progress progress) throws InterruptedException {
        long started = System.nanoTime();
        String suffix = "__r" + Long.toString(control.clock.millis(), 36);
        long tail = control.tail();
        long pausedAt = 0;
        long paused = 0;
        Map<String, String> switched;
        Map<String, Long> documents = new LinkedHashMap<>();
        long handled;
        long reached;
        try (ShadowReadModel shadow = new ShadowReadModel(group, suffix, control.database, control.aliases,
                control.environment, control.eventStore, control.tokenStore, control.transactions,
                control.batchSize(group.name()), null)) {
            long head = control.head();
            progress.phase("replaying " + group.name(), Math.max(1, head - tail));
            shadow.start();
            shadow.awaitPosition(head, tail, control::head, progress);
            long awaited = head;
            TrackingToken liveToken = null;
            if (live != null) {
                pausedAt = System.nanoTime();
                live.shutDown();
                liveToken = control.storedToken(group.name());
                long target = liveToken == null ? head : liveToken.position().orElse(head);
                progress.phase("catching up " + group.name() + " to the live processor", Math.max(1, target - tail));
                shadow.awaitPosition(target, tail, control::head, progress);
                awaited = Math.max(awaited, target);
            }
            shadow.stop();
            TrackingToken position = shadow.storedToken();
            // a batch of events no handler takes need not store its token: the shadow read that far all the same
            reached = Math.max(awaited, position == null ? tail : position.position().orElse(tail));
            Map<String, String> replaced = control.aliases.switchTo(shadow.physicalNames());
            if (position != null) {
                control.storeToken(group.name(), position);
            }
            if (live != null) {
                live.start();
                paused = (System.nanoTime() - pausedAt) / 1_000_000;
            }
            shadow.deleteTokens();
            java.util.Set<String> existing = control.database.listCollectionNames().into(new java.util.HashSet<>());
            replaced.forEach((logical, old) -> {
                if (!old.equals(shadow.physicalNames().get(logical)) && existing.contains(old)) {
                    control.database.getCollection(old).drop();
                }
            });
            switched = shadow.physicalNames();
            group.collections().forEach(logical -> documents.put(logical, shadow.documents(logical)));
            handled = shadow.eventsHandled();
        } catch (RuntimeException | InterruptedException e) {
            if (live != null && !live.isRunning()) {
                live.start();
            }
            throw e;
        }
        long ms = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        return new RebuildReport(group.name(), sideBySide ? "side-by-side" : "in-place (command line: built and switched)",
                handled, Math.max(0, reached - tail), ms, handled * 1000 / ms, switched, documents, paused);
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
        while (true) {
            long at = ShadowReadModel.lowest(live).orElse(tail);
            progress.done(Math.max(0, at - tail));
            if (at >= head) {
                break;
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
