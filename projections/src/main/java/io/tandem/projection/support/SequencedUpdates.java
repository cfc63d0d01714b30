package io.tandem.projection.support;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Applies an event to a read-model document at most once. Event delivery to projectors is at least
 * once (the token store and MongoDB do not share a transaction) and replays re-deliver everything,
 * so every document remembers the aggregate sequence number of the last event applied to it in
 * {@value #LAST_SEQ}, and an update only matches while that number is lower than the event's.
 * <p>
 * With {@code upsert}, a missing document is created; a document that exists but has already seen
 * the event makes the upsert collide on {@code _id}, which is exactly the "already applied" case.
 */
public final class SequencedUpdates {

    /** The field holding the sequence number of the last event applied to a document. */
    public static final String LAST_SEQ = "lastSeq";

    private SequencedUpdates() {
    }

    /**
     * Applies {@code update} to the document {@code id} if it has not seen {@code sequence} yet.
     *
     * @return whether the update was applied
     */
    public static boolean applyIfNewer(MongoCollection<Document> collection, String id, long sequence,
                                       Bson update, boolean upsert) {
        Bson filter = Filters.and(Filters.eq("_id", id), Filters.lt(LAST_SEQ, sequence));
        Bson withSequence = Updates.combine(update, Updates.set(LAST_SEQ, sequence));
        try {
            var result = collection.updateOne(filter, withSequence, new UpdateOptions().upsert(upsert));
            return result.getMatchedCount() > 0 || result.getUpsertedId() != null;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }
}
