package io.tandem.infra.audit.rebuild;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One rebuild (or verification) per processing group at a time, across processes: a document per group
 * in {@value #COLLECTION} of the read-model store, with its holder's owner id, kept fresh by a heartbeat.
 * A lock whose heartbeat is older than its stale time ({@link #STALE} unless {@code tandem.rebuild.lock-stale}
 * says otherwise) belongs to a process that died and is taken over; the heartbeat beats at least three
 * times per stale time ({@link #HEARTBEAT} at most, unless {@code tandem.rebuild.lock-heartbeat} says
 * otherwise), so a living holder is not taken for dead.
 * <p>
 * A holder that was only slow (a long pause, the store out of reach) may still find its lock taken over.
 * It learns it two ways: the heartbeat, which beats only while the document still names its owner id,
 * finds it gone or taken over, marks the lock {@linkplain #lost() lost} and tells the {@linkplain #onLost
 * listeners} (the run stops its shadow); and {@link #confirm()}, a compare-and-set on the document called
 * right before anything irreversible (the alias switch), and again right after it, refuses when the document
 * no longer names it.
 * <p>
 * The document also holds its holder's stale time ({@code stale}, millis): a takeover waits for the longer of
 * its own and the holder's since the last heartbeat (documents without it: its own). The heartbeat's age is
 * compared across processes by their wall clocks (the stored heartbeat), so the nodes' clocks must agree to
 * well within the stale time; locally the age of the last successful beat is measured by {@link System#nanoTime()},
 * so a wall clock stepping back does not hide a missed heartbeat.
 */
final class RebuildLock implements AutoCloseable {

    static final String COLLECTION = "read_model_rebuilds";
    static final Duration STALE = Duration.ofSeconds(60);
    static final Duration HEARTBEAT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(RebuildLock.class);

    private final MongoCollection<Document> locks;
    private final String group;
    private final String owner;
    private final long acquiredAt;
    private final Clock clock;
    private final Duration stale;
    private final ScheduledExecutorService heartbeat;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    /** When (System.nanoTime) the heartbeat was last stored. */
    private volatile long lastBeat;
    private volatile String lost;
    private volatile boolean closed;

    /** {@code beatAt}: System.nanoTime before the heartbeat {@code acquiredAt} was read, so the local age is never the lower. */
    private RebuildLock(MongoCollection<Document> locks, String group, String owner, long acquiredAt, long beatAt,
                        Clock clock, Duration stale, Duration every) {
        this.locks = locks;
        this.group = group;
        this.owner = owner;
        this.acquiredAt = acquiredAt;
        this.clock = clock;
        this.stale = stale;
        this.lastBeat = beatAt;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rebuild-lock-" + group);
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleAtFixedRate(this::beatOrStop, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The heartbeat for {@code stale} when none is configured: three beats per stale time, {@link #HEARTBEAT} at most. */
    static Duration heartbeatFor(Duration stale) {
        return Duration.ofMillis(Math.max(1, Math.min(HEARTBEAT.toMillis(), stale.toMillis() / 3)));
    }

    /** {@link #acquire(MongoDatabase, String, String, Clock, Duration)} with the default stale time. */
    static RebuildLock acquire(MongoDatabase database, String group, String what, Clock clock) {
        return acquire(database, group, what, clock, STALE);
    }

    /** {@link #acquire(MongoDatabase, String, String, Clock, Duration, Duration)} with the heartbeat {@link #heartbeatFor} it. */
    static RebuildLock acquire(MongoDatabase database, String group, String what, Clock clock, Duration stale) {
        return acquire(database, group, what, clock, stale, heartbeatFor(stale));
    }

    /**
     * Takes the lock of {@code group}, or takes it over when its heartbeat is older than {@code stale}, or
     * refuses with {@link RebuildRefusedException.Reason#ALREADY_RUNNING}.
     */
    static RebuildLock acquire(MongoDatabase database, String group, String what, Clock clock, Duration stale,
                               Duration every) {
        MongoCollection<Document> locks = database.getCollection(COLLECTION);
        String owner = UUID.randomUUID().toString();
        long beatAt = System.nanoTime();
        long now = clock.millis();
        Document mine = new Document("_id", group).append("owner", owner).append("what", what).append("heartbeat", now)
                .append("since", now).append("stale", stale.toMillis());
        if (insert(locks, mine)) {
            return new RebuildLock(locks, group, owner, now, beatAt, clock, stale, every);
        }
        Document held = locks.find(Filters.eq("_id", group)).first();
        if (held != null) {
            long beat = ((Number) held.get("heartbeat")).longValue();
            // the holder's own stale time when it is longer (documents of older versions have none)
            long waits = held.get("stale") instanceof Number holders ? Math.max(stale.toMillis(), holders.longValue())
                    : stale.toMillis();
            if (now - beat < waits) {
                throw new RebuildRefusedException(RebuildRefusedException.Reason.ALREADY_RUNNING,
                        "a " + held.getString("what") + " of '" + group + "' is already running (heartbeat "
                                + Duration.ofMillis(now - beat).toSeconds() + " s ago); try again when it is done");
            }
            // compare-and-set on the holder's owner id and heartbeat: of several taking it over, one wins, and a
            // holder that beat meanwhile keeps it
            if (locks.replaceOne(Filters.and(Filters.eq("_id", group), Filters.eq("owner", held.getString("owner")),
                            Filters.eq("heartbeat", held.get("heartbeat"))), mine).getModifiedCount() == 1) {
                log.warn("Took over the lock of '{}' from {} (its heartbeat is {} s old)", group, held.getString("owner"),
                        Duration.ofMillis(now - beat).toSeconds());
                return new RebuildLock(locks, group, owner, now, beatAt, clock, stale, every);
            }
        } else if (insert(locks, mine)) {
            // removed (its holder closed it) between the first insert and the read
            return new RebuildLock(locks, group, owner, now, beatAt, clock, stale, every);
        }
        throw new RebuildRefusedException(RebuildRefusedException.Reason.ALREADY_RUNNING,
                "another process took the lock of '" + group + "' just now");
    }

    /**
     * Inserts {@code mine}; false when a lock document of its group exists (another process holds it, or took it
     * just now): never overwrites one.
     */
    static boolean insert(MongoCollection<Document> locks, Document mine) {
        try {
            locks.insertOne(mine);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return false;
        }
    }

    /** When this lock was taken (epoch millis of its clock): a run's shadow collections are named after it. */
    long acquiredAt() {
        return acquiredAt;
    }

    /** Why this lock is lost (taken over or gone), or null while it is held as far as the heartbeat knows. */
    String lost() {
        return lost;
    }

    /** Calls {@code listener} with the reason once the heartbeat finds the lock lost (at once if it is already). */
    void onLost(Consumer<String> listener) {
        listeners.add(listener);
        String reason = lost;
        if (reason != null && listeners.remove(listener)) {
            listener.accept(reason);
        }
    }

    /**
     * Checks, by compare-and-set on the lock's document (it must still name this owner id; its heartbeat is
     * renewed), that this lock is still held, so that nobody takes it over for the next stale time: call it
     * right before a step that must not run once another process holds the lock.
     *
     * @throws IllegalStateException when the lock was taken over or removed, or its heartbeat could not be
     *                               stored for a stale time (another process may take it over any moment)
     */
    void confirm() {
        long beatAt = System.nanoTime();
        check();
        if (!renew()) {
            markLost(TAKEN_OVER);
            throw lostException(group, TAKEN_OVER);
        }
        lastBeat = beatAt;
    }

    /**
     * Checks, locally (no store access), that this lock is not known to be lost and that its heartbeat was stored
     * less than a stale time ago (by {@link System#nanoTime()}): cheap enough for a wait loop.
     *
     * @throws IllegalStateException otherwise (the lock is marked lost then)
     */
    void check() {
        String reason = lost;
        long age = System.nanoTime() - lastBeat;
        if (reason == null && age >= stale.toNanos()) {
            markLost(notStoredFor(age) + ", so another process may take it over");
            reason = lost;
        }
        if (reason != null) {
            throw lostException(group, reason);
        }
    }

    static IllegalStateException lostException(String group, String reason) {
        return new IllegalStateException("lost the lock of '" + group + "': " + reason
                + "; this run stops without switching anything and drops only its own shadow collections");
    }

    /** The scheduled task: whatever it throws would end the heartbeat silently, so anything but a retry marks the lock lost. */
    private void beatOrStop() {
        try {
            beat();
        } catch (Throwable e) {
            markLost("its heartbeat failed (" + e + ")"); // tells the listeners, each guarded, and ends the heartbeat
        }
    }

    private void beat() {
        if (lost != null || closed) {
            return;
        }
        long beatAt = System.nanoTime();
        try {
            if (!renew()) {
                if (!closed) {
                    markLost(TAKEN_OVER);
                }
                return;
            }
            lastBeat = beatAt;
        } catch (RuntimeException e) {
            // the next beat tries again; a lock left stale for the stale time may be taken over, so stop then
            long age = System.nanoTime() - lastBeat;
            if (!closed && age >= stale.toNanos()) {
                markLost(notStoredFor(age));
            }
        }
    }

    private static final String TAKEN_OVER = "another process took it over (its heartbeat was seen as stale) or it was removed";

    /** Stores a new heartbeat if the document still names this owner (compare-and-set); false when it does not. */
    private boolean renew() {
        return locks.updateOne(Filters.and(Filters.eq("_id", group), Filters.eq("owner", owner)),
                Updates.set("heartbeat", clock.millis())).getMatchedCount() == 1;
    }

    private static String notStoredFor(long ageNanos) {
        return "its heartbeat could not be stored for " + Duration.ofNanos(ageNanos).toMillis() / 1000.0 + " s";
    }

    private synchronized void markLost(String reason) {
        if (lost != null) {
            return;
        }
        lost = reason;
        log.warn("Lost the lock of '{}': {}", group, reason);
        for (Consumer<String> listener : listeners) {
            if (listeners.remove(listener)) {
                try {
                    listener.accept(reason);
                } catch (Throwable e) {
                    log.warn("Stopping the run of '{}' after it lost its lock failed", group, e);
                }
            }
        }
        heartbeat.shutdown();
    }

    @Override
    public void close() {
        closed = true;
        // a beat in flight finishes first (it would find the document gone and take the lock for lost)
        heartbeat.shutdown();
        try {
            heartbeat.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        heartbeat.shutdownNow();
        locks.deleteOne(Filters.and(Filters.eq("_id", group), Filters.eq("owner", owner)));
    }
}
