package io.tandem.infra.audit.rebuild;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One rebuild (or verification) per processing group at a time, across processes: a document per group
 * in {@value #COLLECTION} of the read-model store, kept fresh by a heartbeat. A lock whose heartbeat is
 * older than its stale time ({@link #STALE} unless {@code tandem.rebuild.lock-stale} says otherwise)
 * belongs to a process that died and is taken over; the heartbeat beats three times per stale time (at
 * most every {@link #HEARTBEAT}), so a living holder is never taken for dead.
 */
final class RebuildLock implements AutoCloseable {

    static final String COLLECTION = "read_model_rebuilds";
    static final Duration STALE = Duration.ofSeconds(60);
    static final Duration HEARTBEAT = Duration.ofSeconds(10);

    private final MongoCollection<Document> locks;
    private final String group;
    private final String owner;
    private final ScheduledExecutorService heartbeat;

    private RebuildLock(MongoCollection<Document> locks, String group, String owner, Duration stale) {
        this.locks = locks;
        this.group = group;
        this.owner = owner;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rebuild-lock-" + group);
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, Math.min(HEARTBEAT.toMillis(), stale.toMillis() / 3));
        heartbeat.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /** {@link #acquire(MongoDatabase, String, String, Clock, Duration)} with the default stale time. */
    static RebuildLock acquire(MongoDatabase database, String group, String what, Clock clock) {
        return acquire(database, group, what, clock, STALE);
    }

    /**
     * Takes the lock of {@code group}, or takes it over when its heartbeat is older than {@code stale}, or
     * refuses with {@link RebuildRefusedException.Reason#ALREADY_RUNNING}.
     */
    static RebuildLock acquire(MongoDatabase database, String group, String what, Clock clock, Duration stale) {
        MongoCollection<Document> locks = database.getCollection(COLLECTION);
        String owner = UUID.randomUUID().toString();
        long now = clock.millis();
        Document mine = new Document("_id", group).append("owner", owner).append("what", what).append("heartbeat", now);
        try {
            locks.insertOne(mine);
            return new RebuildLock(locks, group, owner, stale);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document held = locks.find(Filters.eq("_id", group)).first();
        if (held != null) {
            long beat = ((Number) held.get("heartbeat")).longValue();
            if (now - beat < stale.toMillis()) {
                throw new RebuildRefusedException(RebuildRefusedException.Reason.ALREADY_RUNNING,
                        "a " + held.getString("what") + " of '" + group + "' is already running (heartbeat "
                                + Duration.ofMillis(now - beat).toSeconds() + " s ago); try again when it is done");
            }
            if (locks.replaceOne(Filters.and(Filters.eq("_id", group), Filters.eq("owner", held.getString("owner"))), mine)
                    .getModifiedCount() == 1) {
                return new RebuildLock(locks, group, owner, stale);
            }
        } else if (locks.replaceOne(Filters.eq("_id", group), mine,
                new com.mongodb.client.model.ReplaceOptions().upsert(true)).getUpsertedId() != null) {
            return new RebuildLock(locks, group, owner, stale);
        }
        throw new RebuildRefusedException(RebuildRefusedException.Reason.ALREADY_RUNNING,
                "another process took the lock of '" + group + "' just now");
    }

    private void beat() {
        try {
            locks.updateOne(Filters.and(Filters.eq("_id", group), Filters.eq("owner", owner)),
                    Updates.set("heartbeat", System.currentTimeMillis()));
        } catch (RuntimeException ignored) {
            // the next beat tries again; a lock left stale for the stale time is taken over, which is the point
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        locks.deleteOne(Filters.and(Filters.eq("_id", group), Filters.eq("owner", owner)));
    }
}
