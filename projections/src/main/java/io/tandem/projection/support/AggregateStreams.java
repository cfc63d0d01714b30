package io.tandem.projection.support;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes a projection notice a gap in an aggregate's event stream instead of skipping it.
 * <p>
 * A read-model document only applies an event it has not seen ({@link SequencedUpdates}), which makes
 * redelivery and replay harmless, but on its own it would also apply event N+2 over a document that
 * never got N+1: an event lost on the way (an event-store gap the tracking token gave up on, a message
 * lost between nodes, a read model restored from an older backup) would be skipped for good and the
 * balance stay wrong without anyone knowing. So every projector also records, per aggregate, the last
 * sequence number of that aggregate it has handled, in its own collection of <em>stream heads</em>
 * ({@code {_id: aggregateId, seq}}); it handles every event type of the aggregates it follows (a
 * type it has no use for is only recorded) so that the sequence numbers it sees are contiguous.
 * <p>
 * Within a batch the events of one aggregate arrive in order, so the batch holds runs of consecutive
 * sequence numbers per aggregate; checking them costs no read. Each run {@code first..last} is sent
 * as one conditional update, "if the head is at least {@code first - 1}, raise it to {@code last}",
 * in one ordered bulk write per batch that goes <em>before</em> the batch's document writes (see
 * {@link ReadModelWrites}). When every run matches, that is all; when one does not, one read of the
 * heads tells which aggregate has a gap, the flush throws {@link StreamGapException} before any
 * document of the batch is written, the unit of work rolls back without storing the token, and the
 * processor retries the batch with back-off. The document therefore never moves past a missing event:
 * if the event turns up (a late commit the processor sees on a retry), everything applies in order;
 * if it never does, the segment stays stuck, and {@link ProjectionGaps} says so loudly after a bounded
 * wait rather than letting the projection drift silently. A run that starts at or below the head
 * (redelivery after a crash, a retried batch) matches and changes nothing.
 * <p>
 * Why heads rather than a check on each document: one order-book stream updates many order
 * documents, so a document cannot tell which sequence number should come next, and a document that
 * would also hold the head would need to tell "already applied" from "gap" per write, which a bulk
 * write does not report. A head costs one small update per aggregate per batch and no read.
 * <p>
 * A read model built before heads existed (an upgrade) has documents but no heads, and its processor
 * carries on mid-stream: every aggregate would look as if its earlier events were missing. So the
 * heads collection holds a marker, written when the projection starts on an empty read model or is
 * reset, saying that the heads go back to the start of every stream. Without it, an aggregate that
 * has no head yet is adopted at the first event seen (and checked from then on); the marker, and
 * with it the check of each aggregate's very first event, comes with the next reset (rebuild).
 */
public final class AggregateStreams {

    /** The field of a stream head holding the last sequence number handled. */
    public static final String SEQ = "seq";
    /** The {@code _id} of the marker saying the heads cover every stream from its start; no aggregate id starts with NUL. */
    static final String FROM_START = "\u0000from-start";

    private static final Logger log = LoggerFactory.getLogger(AggregateStreams.class);
    private static final BulkWriteOptions ORDERED = new BulkWriteOptions().ordered(true);

    private final MongoCollection<Document> heads;
    private volatile boolean fromStart;

    private AggregateStreams(MongoCollection<Document> heads, boolean fromStart) {
        this.heads = heads;
        this.fromStart = fromStart;
    }

    /**
     * The stream heads of {@code processingGroup}, whose documents are {@code readModel}: if they are
     * all empty, the heads start now with the projection and are marked as covering every stream.
     */
    public static AggregateStreams of(MongoDatabase database, String processingGroup, MongoCollection<?>... readModel) {
        MongoCollection<Document> heads = database.getCollection(ReadModelCollections.streamHeads(processingGroup));
        boolean fromStart = heads.find(Filters.eq("_id", FROM_START)).first() != null;
        if (!fromStart && heads.countDocuments() == 0 && isEmpty(readModel)) {
            markFromStart(heads);
            fromStart = true;
        }
        if (!fromStart) {
            log.info("{}: the read model predates its stream heads; each aggregate is checked for gaps from the next event "
                    + "seen of it, and from its first event after the next reset", heads.getNamespace().getCollectionName());
        }
        return new AggregateStreams(heads, fromStart);
    }

    private static boolean isEmpty(MongoCollection<?>... collections) {
        for (MongoCollection<?> collection : collections) {
            if (collection.find().limit(1).first() != null) {
                return false;
            }
        }
        return true;
    }

    private static void markFromStart(MongoCollection<Document> heads) {
        heads.replaceOne(Filters.eq("_id", FROM_START), new Document("_id", FROM_START),
                new ReplaceOptions().upsert(true));
    }

    /**
     * Records that the projection handles event {@code sequence} of aggregate {@code aggregateId}: in
     * the current batch (checked when the batch is sent) or, without a unit of work, at once.
     *
     * @throws StreamGapException without a unit of work, if an event of the aggregate before {@code sequence} is missing
     */
    public void handled(String aggregateId, long sequence) {
        ReadModelWrites.handled(this, aggregateId, sequence);
    }

    /** Clears the heads for a rebuild from the start of every stream (call it from the projector's reset handler). */
    public void reset() {
        ReadModelWrites.deleteAll(heads);
        markFromStart(heads);
        fromStart = true;
    }

    MongoCollection<Document> heads() {
        return heads;
    }

    /** A run of consecutive sequence numbers of one aggregate handled in a batch. */
    static final class Run {

        final String aggregateId;
        final long first;
        long last;

        Run(String aggregateId, long first) {
            this.aggregateId = aggregateId;
            this.first = first;
            this.last = first;
        }
    }

    /** The runs a batch has handled, per aggregate in order; one queue per heads collection. */
    static final class Queue {

        private final AggregateStreams streams;
        private final List<Run> runs = new ArrayList<>();
        private final Map<String, Run> lastRun = new HashMap<>();

        Queue(AggregateStreams streams) {
            this.streams = streams;
        }

        void add(String aggregateId, long sequence) {
            Run run = lastRun.get(aggregateId);
            if (run != null && sequence <= run.last + 1) {
                // the next one, or one delivered twice within the batch (already covered)
                run.last = Math.max(run.last, sequence);
                return;
            }
            // the aggregate's first in this batch, or a jump: a new run, which the store check will refuse
            Run started = new Run(aggregateId, sequence);
            runs.add(started);
            lastRun.put(aggregateId, started);
        }

        void flush() {
            if (runs.isEmpty()) {
                return;
            }
            List<Run> sent = new ArrayList<>(runs);
            runs.clear();
            lastRun.clear();
            streams.check(sent);
        }
    }

    /** Raises the heads of {@code runs}, or throws if one of them does not follow its aggregate's head. */
    void check(List<Run> runs) {
        // Without the marker a missing head is created at the run (adopted); an existing head that is
        // behind then makes the upsert collide on _id, which is the gap case like a non-match.
        boolean adopt = !fromStart;
        List<WriteModel<Document>> models = new ArrayList<>(runs.size());
        for (Run run : runs) {
            models.add(new UpdateOneModel<>(
                    new Document("_id", run.aggregateId).append(SEQ, new Document("$gte", run.first - 1)),
                    Updates.max(SEQ, run.last),
                    new UpdateOptions().upsert(adopt || run.first == 0)));
        }
        String projection = heads.getNamespace().getCollectionName();
        try {
            BulkWriteResult result = heads.bulkWrite(models, ORDERED);
            if (result.getMatchedCount() + result.getUpserts().size() >= runs.size()) {
                ProjectionGaps.closed(projection, runs);
                return;
            }
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (!adopt || error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            if (e.getWriteConcernError() != null) {
                throw e;
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        for (Run run : runs) {
            ids.add(run.aggregateId);
        }
        Map<String, Long> stored = new HashMap<>();
        for (Document head : heads.find(Filters.in("_id", ids))) {
            stored.put(head.getString("_id"), Numbers.longOf(head, SEQ));
        }
        // A run that matched left the head at or above its last; one that did not left it below its first - 1,
        // as did the runs of that aggregate after it. A run that an ordered bulk write stopped before (at a
        // collision) left the head where it was: below its first - 1 only if it has a gap too.
        List<StreamGapException.Gap> gaps = new ArrayList<>();
        Set<String> gapped = new LinkedHashSet<>();
        for (Run run : runs) {
            long head = stored.getOrDefault(run.aggregateId, -1L);
            if (head < run.first - 1 && gapped.add(run.aggregateId)) {
                gaps.add(new StreamGapException.Gap(run.aggregateId, head, run.first));
            }
        }
        List<Run> fine = new ArrayList<>();
        for (Run run : runs) {
            if (!gapped.contains(run.aggregateId)) {
                fine.add(run);
            }
        }
        ProjectionGaps.closed(projection, fine);
        if (!gaps.isEmpty()) {
            throw ProjectionGaps.detected(projection, gaps);
        }
    }
}
