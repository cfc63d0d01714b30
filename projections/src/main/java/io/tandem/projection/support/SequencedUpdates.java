package io.tandem.projection.support;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies an event to a read-model document at most once. Event delivery to projectors is at least
 * once (the token store and MongoDB do not share a transaction) and replays re-deliver everything,
 * so every document remembers the aggregate sequence number of the last event applied to it in
 * {@value #LAST_SEQ}, and an update only matches while that number is lower than the event's.
 * <p>
 * With {@code upsert}, a missing document is created; a document that exists but has already seen
 * the event makes the upsert collide on {@code _id}, which is exactly the "already applied" case.
 * <p>
 * The guard makes an event apply at most once; it cannot tell that an event is missing, since one
 * aggregate's events may update many documents. That is {@link AggregateStreams}' job: a projector
 * records every event it handles there, and a batch that would skip one is not written at all.
 * <p>
 * Updates go through {@link ReadModelWrites}: inside a unit of work they are queued and sent with
 * the rest of the batch, in order, so nothing here can tell whether an update was applied. A
 * handler that needs to know must read the document after {@link ReadModelWrites#flushIfPending}.
 */
public final class SequencedUpdates {

    /** The field holding the sequence number of the last event applied to a document. */
    public static final String LAST_SEQ = "lastSeq";

    private SequencedUpdates() {
    }

    /** Applies {@code update} to the document {@code id} if it has not seen {@code sequence} yet. */
    public static void applyIfNewer(MongoCollection<Document> collection, String id, long sequence,
                                    Bson update, boolean upsert) {
        ReadModelWrites.writeSequenced(collection, id, sequence, upsert, model(id, sequence, update, upsert), null);
    }

    /**
     * Sets one field of the document {@code id} to {@code value} if it has not seen {@code sequence}
     * yet, for a field that only ever holds the latest event's value (a last price). Of consecutive
     * such updates of one document and field queued in a batch only the one of the highest sequence
     * is sent: it overwrites the field and {@value #LAST_SEQ}, so the earlier ones would leave no
     * trace, and since {@value #LAST_SEQ} only grows it applies exactly when it would have applied
     * after them.
     */
    public static void setLatestIfNewer(MongoCollection<Document> collection, String id, long sequence,
                                        String field, Object value, boolean upsert) {
        ReadModelWrites.writeSequenced(collection, id, sequence, upsert, model(id, sequence, Updates.set(field, value), upsert),
                id + '\u0000' + field + '\u0000' + upsert);
    }

    /**
     * Sets {@code fields} on the document {@code id} if it has not seen {@code sequence} yet, for a
     * document that each event rewrites whole (every write of it sets the same fields, absolute
     * values): of consecutive such writes of one document queued in a batch only the one of the
     * highest sequence is sent, as with {@link #setLatestIfNewer}.
     */
    public static void setAllIfNewer(MongoCollection<Document> collection, String id, long sequence, Document fields,
                                     boolean upsert) {
        List<Bson> sets = new ArrayList<>(fields.size());
        fields.forEach((field, value) -> sets.add(Updates.set(field, value)));
        ReadModelWrites.writeSequenced(collection, id, sequence, upsert, model(id, sequence, Updates.combine(sets), upsert),
                id + "\u0000\u0000all\u0000" + upsert);
    }

    private static UpdateOneModel<Document> model(String id, long sequence, Bson update, boolean upsert) {
        // A flat {_id, lastSeq: {$lt}} rather than Filters.and, which renders as {$and: [...]}: the same
        // filter to MongoDB, and one whose _id the embedded backend can look up instead of scanning.
        Bson filter = new Document("_id", id).append(LAST_SEQ, new Document("$lt", sequence));
        Bson withSequence = Updates.combine(update, Updates.set(LAST_SEQ, sequence));
        return new UpdateOneModel<>(filter, withSequence, new UpdateOptions().upsert(upsert));
    }
}
