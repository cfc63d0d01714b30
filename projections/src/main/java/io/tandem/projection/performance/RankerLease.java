package io.tandem.projection.performance;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;

/**
 * The right to rank, held by one node at a time: a document ({@code _id} "lease") naming its holder
 * and until when (epoch milliseconds), taken or renewed with one findOneAndUpdate that only matches
 * when this node holds it already or it has expired. Another node's live lease makes the upsert
 * collide on the id, which is a refusal. Nodes' clocks are assumed to agree to well within the lease.
 */
final class RankerLease {

    static final String LEASE = "lease";
    static final String HOLDER = "holder";
    static final String UNTIL = "until";

    private final MongoCollection<Document> control;
    private final String holder;
    private final Duration duration;
    private final Clock clock;

    RankerLease(MongoCollection<Document> control, String holder, Duration duration, Clock clock) {
        this.control = control;
        this.holder = holder;
        this.duration = duration;
        this.clock = clock;
    }

    /** Takes or renews the lease for its duration from now; false while another node holds it. */
    boolean acquire() {
        long now = clock.millis();
        try {
            Document lease = control.findOneAndUpdate(
                    Filters.and(Filters.eq("_id", LEASE), Filters.or(Filters.eq(HOLDER, holder), Filters.lt(UNTIL, now))),
                    Updates.combine(Updates.set(HOLDER, holder), Updates.set(UNTIL, now + duration.toMillis())),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
            return lease != null && holder.equals(lease.getString(HOLDER));
        } catch (MongoCommandException e) {
            if (e.getErrorCode() == 11000) {
                return false;
            }
            throw e;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Gives the lease up (if held), so that another node can take over at once. */
    void release() {
        control.updateOne(Filters.and(Filters.eq("_id", LEASE), Filters.eq(HOLDER, holder)), Updates.set(UNTIL, 0L));
    }

    String holder() {
        return holder;
    }
}
