package io.tandem.projection.support;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoNamespace;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.WriteModel;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every write of a projector goes through here, so that a batch of events costs one round trip per
 * collection instead of one per event.
 * <p>
 * Inside an Axon unit of work (a pooled streaming processor handles a whole batch of events in one
 * {@code BatchingUnitOfWork}), writes are queued per collection in a resource of the <em>root</em>
 * unit of work and sent in the root's prepare-commit phase, as one ordered
 * {@link MongoCollection#bulkWrite bulk write} per collection: before the transaction that stores the
 * processor's token commits, and in event order, so that several updates of one document apply as
 * they would one by one. A failing flush fails the unit of work: the token is not stored and the
 * processor retries the batch, which is safe because every write is idempotent (see below). The
 * aggregate sequence numbers the batch handled ({@link AggregateStreams}) are checked before any of
 * its document writes is sent, so a batch that would skip a missing event writes nothing.
 * Without a unit of work (plain unit tests, tools), or once the root is past its start, each write
 * is sent at once, as before.
 * <p>
 * A handler that reads a document it may have written earlier in the same batch must call
 * {@link #flushIfPending} (or {@link #flush}) first: queued writes are not visible to reads.
 * <p>
 * Writes queued here must be idempotent, as they already are for at-least-once delivery: sequenced
 * updates ({@link SequencedUpdates}) or absolute values keyed by {@code _id}. Besides being the
 * projection contract, this keeps the bulk write safe on servers that (unlike MongoDB) carry on after
 * the first error of an ordered command, as mongo-java-server does: what follows an already-applied
 * write may be sent again, and applying it twice changes nothing.
 */
public final class ReadModelWrites {

    private static final Logger log = LoggerFactory.getLogger(ReadModelWrites.class);
    private static final String RESOURCE_KEY = ReadModelWrites.class.getName() + ".pending";
    private static final BulkWriteOptions ORDERED = new BulkWriteOptions().ordered(true);

    private ReadModelWrites() {
    }

    /**
     * Writes {@code model} now, or queues it in the current root unit of work.
     *
     * @param id the {@code _id} of the only document the model writes, or {@code null} if it may write any
     */
    public static void write(MongoCollection<Document> collection, Object id, WriteModel<Document> model) {
        submit(collection, new Write(model, id, null, false), null, 0);
    }

    /**
     * Writes a {@link SequencedUpdates sequenced} update of the document {@code id}: one that applies
     * only while the document's {@value SequencedUpdates#LAST_SEQ} is below {@code sequence}, then
     * sets it to {@code sequence}, and whose duplicate-key error (an upsert that collided with a
     * document that has already seen the event) means "already applied".
     *
     * @param latestKey if not null, the caller guarantees that of two writes with this key to the same
     *                  document, the one of higher sequence overwrites everything the other does; when
     *                  the last write queued for the document has the same key, only the one of higher
     *                  sequence is kept (the lower one would leave no trace or is a no-op)
     */
    static void writeSequenced(MongoCollection<Document> collection, String id, long sequence, boolean upsert,
                               WriteModel<Document> model, String latestKey) {
        submit(collection, new Write(model, id, sequence, upsert), latestKey, sequence);
    }

    /**
     * Records a handled event of an aggregate for the {@link AggregateStreams gap check}: queued in the
     * current root unit of work and checked before any document write of it is sent, or checked now.
     */
    static void handled(AggregateStreams streams, String aggregateId, long sequence) {
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            if (root.phase() == UnitOfWork.Phase.STARTED) {
                pendingOf(root).handled(streams, aggregateId, sequence);
                return;
            }
            flush(streams.heads());
        }
        streams.check(List.of(new AggregateStreams.Run(aggregateId, sequence)));
    }

    /**
     * Sends {@code models} now as one ordered bulk write, after whatever is queued for
     * {@code collection}: for work done once a batch's queue has been sent ({@link BatchEnd} tasks),
     * where {@link #write} would send each model on its own. The models must be idempotent: absolute
     * values keyed by {@code _id}.
     */
    public static void writeNow(MongoCollection<Document> collection, List<? extends WriteModel<Document>> models) {
        if (models.isEmpty()) {
            return;
        }
        flush(collection);
        List<Write> writes = new ArrayList<>(models.size());
        for (WriteModel<Document> model : models) {
            writes.add(new Write(model, null, null, false));
        }
        execute(collection, writes);
    }

    /** Sends whatever the current root unit of work has queued for {@code collection}. */
    public static void flush(MongoCollection<Document> collection) {
        PendingWrites pending = pending();
        if (pending != null) {
            pending.flush(collection.getNamespace(), null);
        }
    }

    /**
     * Sends what the current root unit of work has queued for {@code collection} if any of it may
     * write the document {@code id}: call it before reading that document in a handler.
     */
    public static void flushIfPending(MongoCollection<Document> collection, Object id) {
        PendingWrites pending = pending();
        if (pending != null) {
            pending.flush(collection.getNamespace(), Objects.requireNonNull(id));
        }
    }

    /**
     * Deletes every document of {@code collection} now, after sending what is queued for it. A reset
     * is not deferred: the processor restarts after the reset, not after some later commit.
     */
    public static void deleteAll(MongoCollection<Document> collection) {
        flush(collection);
        collection.deleteMany(new Document());
    }

    private static PendingWrites pending() {
        return CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().root().getResource(RESOURCE_KEY) : null;
    }

    private static PendingWrites pendingOf(UnitOfWork<?> root) {
        return root.getOrComputeResource(RESOURCE_KEY, key -> {
            PendingWrites created = new PendingWrites();
            root.onPrepareCommit(u -> created.flushAll());
            return created;
        });
    }

    private static void submit(MongoCollection<Document> collection, Write write, String latestKey, long sequence) {
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            if (root.phase() == UnitOfWork.Phase.STARTED) {
                pendingOf(root).add(collection, write, latestKey, sequence);
                return;
            }
            // Committing already (a write from another prepare-commit handler): keep the order, send now.
            flush(collection);
        }
        execute(collection, List.of(write));
    }

    /**
     * Sends {@code writes} as one ordered bulk write. A duplicate key on a sequenced write means that
     * write was already applied; an ordered bulk write stops at its first error, so the writes after
     * it are sent again, in a loop. Any other error is thrown.
     * <p>
     * Before they are sent again, one read of the {@value SequencedUpdates#LAST_SEQ} of the documents
     * they update drops those already applied. Without it a batch redelivered after a crash (all of
     * it applied, none of it acknowledged by a stored token) would take one round trip per write, as
     * would a single collision on mongo-java-server, which carries on after the first error of an
     * ordered command: every write after it would collide in turn.
     */
    static void execute(MongoCollection<Document> collection, List<Write> writes) {
        List<Write> rest = writes;
        while (!rest.isEmpty()) {
            List<WriteModel<Document>> models = new ArrayList<>(rest.size());
            for (Write write : rest) {
                models.add(write.model());
            }
            try {
                collection.bulkWrite(models, ORDERED);
                return;
            } catch (MongoBulkWriteException e) {
                List<Write> after = rest.subList(resumeAfter(e, rest) + 1, rest.size());
                rest = withoutApplied(collection, after);
                log.debug("{}: a write was already applied; sending {} of the {} after it again",
                        collection.getNamespace(), rest.size(), after.size());
            }
        }
    }

    /** The index of the first failed write, if every failure is a sequenced write's duplicate key; throws otherwise. */
    private static int resumeAfter(MongoBulkWriteException e, List<Write> sent) {
        if (e.getWriteConcernError() != null || e.getWriteErrors().isEmpty()) {
            throw e;
        }
        int first = Integer.MAX_VALUE;
        for (BulkWriteError error : e.getWriteErrors()) {
            boolean alreadyApplied = error.getCategory() == ErrorCategory.DUPLICATE_KEY
                    && error.getIndex() < sent.size() && sent.get(error.getIndex()).sequenced();
            if (!alreadyApplied) {
                throw e;
            }
            first = Math.min(first, error.getIndex());
        }
        return first;
    }

    /**
     * {@code writes} without the sequenced ones that the documents' current sequence numbers, and the
     * writes before them, show to be no-ops. A sequence number only grows, so what is dropped stays a
     * no-op; after a write that is not sequenced, a document's sequence is unknown and nothing more
     * of it is dropped.
     */
    private static List<Write> withoutApplied(MongoCollection<Document> collection, List<Write> writes) {
        Set<Object> ids = new HashSet<>();
        for (Write write : writes) {
            if (write.sequenced()) {
                ids.add(write.id());
            }
        }
        if (ids.isEmpty()) {
            return writes;
        }
        Map<Object, Long> lastSeq = new HashMap<>();
        for (Document document : collection.find(Filters.in("_id", ids))
                .projection(Projections.include(SequencedUpdates.LAST_SEQ))) {
            // without a sequence number the filter never matches it: as if it had seen everything
            lastSeq.put(document.get("_id"), document.containsKey(SequencedUpdates.LAST_SEQ)
                    ? Numbers.longOf(document, SequencedUpdates.LAST_SEQ) : Long.MAX_VALUE);
        }
        Set<Object> unknown = new HashSet<>();
        boolean allUnknown = false;
        List<Write> kept = new ArrayList<>(writes.size());
        for (Write write : writes) {
            if (!write.sequenced()) {
                if (write.id() == null) {
                    allUnknown = true;
                } else {
                    unknown.add(write.id());
                }
                kept.add(write);
                continue;
            }
            if (allUnknown || unknown.contains(write.id())) {
                kept.add(write);
                continue;
            }
            Long current = lastSeq.get(write.id());
            if (current != null && write.sequence() <= current) {
                continue; // already applied, or an earlier write of this batch made it a no-op
            }
            if (current != null || write.upsert()) {
                lastSeq.put(write.id(), write.sequence());
            }
            kept.add(write);
        }
        return kept;
    }

    /**
     * A queued write, the document it targets ({@code null}: any), and for a sequenced update its
     * sequence number and whether it upserts ({@code sequence} is null for other writes).
     */
    record Write(WriteModel<Document> model, Object id, Long sequence, boolean upsert) {

        boolean sequenced() {
            return sequence != null;
        }
    }

    /**
     * What a root unit of work has queued, per collection in order of first use, and the aggregate
     * sequence numbers it has handled. Those are checked first whenever anything is sent, so that no
     * document write of the batch is sent past a gap.
     */
    private static final class PendingWrites {

        private final Map<MongoNamespace, CollectionQueue> queues = new LinkedHashMap<>();
        private final Map<MongoNamespace, AggregateStreams.Queue> streams = new LinkedHashMap<>();

        void add(MongoCollection<Document> collection, Write write, String latestKey, long sequence) {
            queues.computeIfAbsent(collection.getNamespace(), namespace -> new CollectionQueue(collection))
                    .add(write, latestKey, sequence);
        }

        void handled(AggregateStreams stream, String aggregateId, long sequence) {
            streams.computeIfAbsent(stream.heads().getNamespace(), namespace -> new AggregateStreams.Queue(stream))
                    .add(aggregateId, sequence);
        }

        void flush(MongoNamespace namespace, Object id) {
            CollectionQueue queue = queues.get(namespace);
            if (queue != null && (id == null || queue.mayWrite(id))) {
                flushStreams();
                queue.flush();
            } else if (id == null && streams.containsKey(namespace)) {
                flushStreams();
            }
        }

        void flushAll() {
            flushStreams();
            for (CollectionQueue queue : queues.values()) {
                queue.flush();
            }
        }

        private void flushStreams() {
            for (AggregateStreams.Queue queue : streams.values()) {
                queue.flush();
            }
        }
    }

    /** The writes queued for one collection; a dropped (superseded) write leaves a null. */
    private static final class CollectionQueue {

        private final MongoCollection<Document> collection;
        private final List<Write> writes = new ArrayList<>();
        private final Map<String, Latest> latest = new HashMap<>();
        private final Map<Object, Integer> lastWriteOf = new HashMap<>();
        private boolean anyDocument;

        CollectionQueue(MongoCollection<Document> collection) {
            this.collection = collection;
        }

        void add(Write write, String latestKey, long sequence) {
            if (latestKey != null) {
                Latest previous = latest.get(latestKey);
                // Only when nothing else was queued for the document since: then the two are adjacent.
                if (previous != null && !anyDocument && Objects.equals(lastWriteOf.get(write.id()), previous.index())) {
                    if (sequence <= previous.sequence()) {
                        return; // the queued one leaves lastSeq at or above this sequence: this one is a no-op
                    }
                    writes.set(previous.index(), null); // this one overwrites everything the queued one does
                }
                latest.put(latestKey, new Latest(writes.size(), sequence));
            }
            if (write.id() == null) {
                anyDocument = true;
            } else {
                lastWriteOf.put(write.id(), writes.size());
            }
            writes.add(write);
        }

        boolean mayWrite(Object id) {
            return anyDocument || lastWriteOf.containsKey(id);
        }

        void flush() {
            if (writes.isEmpty()) {
                return;
            }
            List<Write> batch = new ArrayList<>(writes.size());
            for (Write write : writes) {
                if (write != null) {
                    batch.add(write);
                }
            }
            writes.clear();
            latest.clear();
            lastWriteOf.clear();
            anyDocument = false;
            execute(collection, batch);
        }
    }

    private record Latest(int index, long sequence) {
    }
}
