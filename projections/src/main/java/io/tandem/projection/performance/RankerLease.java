package io.tandem.projection.performance;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.tandem.projection.support.Numbers;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Clock;
import java.time.Duration;

/**
 * The right to rank, held by one node at a time: a document ({@code _id} "lease") naming its holder,
 * until when (epoch milliseconds), and a fencing {@code token}. The holder renews it while it has not
 * expired, which keeps the token; anyone (the same node included) takes it once it has expired or was
 * released, which increments the token, so a token names one uninterrupted tenure. Each is one
 * findOneAndUpdate; another node's live lease makes the taking upsert collide on the id, which is a
 * refusal. Nodes' clocks are assumed to agree to well within the lease.
 * <p>
 * Holding the lease when a run starts is not enough to publish its result: a node may pause (GC, a
 * slow run) past the lease's end while another takes over. Publication is therefore fenced
 * ({@link #fence()}): the write that makes a generation visible is a conditional update of this
 * document that only matches while this holder still holds it with the token it ranked under.
 */
final class RankerLease {

    static final String LEASE = "lease";
    static final String HOLDER = "holder";
    static final String UNTIL = "until";
    static final String TOKEN = "token";

    private final MongoCollection<Document> control;
    private final String holder;
    private final Duration duration;
    private final Clock clock;
    private long token = -1;

    RankerLease(MongoCollection<Document> control, String holder, Duration duration, Clock clock) {
        this.control = control;
        this.holder = holder;
        this.duration = duration;
        this.clock = clock;
    }

    /** Renews the lease, or takes it if it expired, for its duration from now; false while another node holds it. */
    boolean acquire() {
        long now = clock.millis();
        long until = now + duration.toMillis();
        // a lease stored before tokens existed gets token 0 on renewal ($inc creates the field)
        Document renewed = control.findOneAndUpdate(
                Filters.and(Filters.eq("_id", LEASE), Filters.eq(HOLDER, holder), Filters.gte(UNTIL, now)),
                Updates.combine(Updates.set(UNTIL, until), Updates.inc(TOKEN, 0L)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (renewed != null) {
            token = Numbers.longOf(renewed, TOKEN);
            return true;
        }
        try {
            Document taken = control.findOneAndUpdate(Filters.and(Filters.eq("_id", LEASE), Filters.lt(UNTIL, now)),
                    Updates.combine(Updates.set(HOLDER, holder), Updates.set(UNTIL, until), Updates.inc(TOKEN, 1L)),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
            if (taken == null || !holder.equals(taken.getString(HOLDER))) {
                return false;
            }
            token = Numbers.longOf(taken, TOKEN);
            return true;
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

    /** The token of this node's tenure as of its last successful {@link #acquire()}; -1 before the first. */
    long token() {
        return token;
    }

    /** The current tenure (as of the last successful {@link #acquire()}) as a condition on the lease document. */
    Fence fence() {
        return new Fence(control, holder, token, clock);
    }

    /**
     * One tenure of the lease: its updates of the lease document only match while {@code holder} still
     * holds it with {@code token}, unexpired at the moment of the write.
     */
    record Fence(MongoCollection<Document> control, String holder, long token, Clock clock) {

        private Bson held() {
            return Filters.and(Filters.eq("_id", LEASE), Filters.eq(HOLDER, holder), Filters.eq(TOKEN, token),
                    Filters.gte(UNTIL, clock.millis()));
        }

        /** Whether the tenure still holds now (a check, not a guarantee for the next write). */
        boolean holds() {
            return control.find(held()).first() != null;
        }

        /** Applies {@code update} to the lease document if the tenure still holds; false when it does not. */
        boolean update(Bson update) {
            return control.updateOne(held(), update).getMatchedCount() == 1;
        }

        /** Applies {@code update} if the tenure still holds and answers the lease document after it, else null. */
        Document updateAndGet(Bson update) {
            return control.findOneAndUpdate(held(), update, new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        }

        /** Applies {@code update} if the tenure still holds and the lease document matches {@code condition}, as above. */
        Document updateAndGet(Bson condition, Bson update) {
            return control.findOneAndUpdate(Filters.and(held(), condition), update,
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
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
