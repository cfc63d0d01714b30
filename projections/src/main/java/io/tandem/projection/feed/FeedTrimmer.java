package io.tandem.projection.feed;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.DeleteManyModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.WriteModel;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps one collection's lists (timelines per owner, recent posts per author) at most {@code cap}
 * entries deep, off the hot path. The projector only records which lists it added to, once its batch
 * has committed; {@link #sweep} (run every {@code tandem.feed.trim-interval} by {@link FeedSweeper})
 * then finds, per list, the first key beyond the cap with one range read that stops there, and
 * deletes from it to the end of the list, all lists' deletes in one bulk write.
 * <p>
 * Readers never look beyond the cap anyway, so a list may be deeper for a while (until the next
 * sweep; after a restart, until the list is added to again). Deleting the oldest entries races with
 * nothing: a newer entry arriving meanwhile only pushes another one past the cap for the next sweep.
 */
final class FeedTrimmer {

    private static final Logger log = LoggerFactory.getLogger(FeedTrimmer.class);
    private static final int DELETES_PER_WRITE = 1_000;

    private final MongoCollection<Document> collection;
    private final String prefixField;
    private final int cap;
    private final Set<String> touched = ConcurrentHashMap.newKeySet();

    FeedTrimmer(MongoCollection<Document> collection, String prefixField, int cap) {
        this.collection = collection;
        this.prefixField = prefixField;
        this.cap = cap;
    }

    /** Marks the lists of {@code prefixes} for the next sweep once the current batch commits (at once without one). */
    void touched(Collection<String> prefixes) {
        if (CurrentUnitOfWork.isStarted()) {
            List<String> copy = List.copyOf(prefixes);
            CurrentUnitOfWork.get().root().afterCommit(u -> touched.addAll(copy));
        } else {
            touched.addAll(prefixes);
        }
    }

    void forgetAll() {
        touched.clear();
    }

    int pending() {
        return touched.size();
    }

    /** Trims every list touched since the last sweep; answers how many were over the cap. A failed sweep keeps them for the next. */
    int sweep() {
        List<String> lists = new ArrayList<>(touched);
        touched.removeAll(lists);
        try {
            return trim(lists);
        } catch (RuntimeException e) {
            touched.addAll(lists);
            throw e;
        }
    }

    private int trim(List<String> lists) {
        List<WriteModel<Document>> deletes = new ArrayList<>();
        int trimmed = 0;
        for (String prefix : lists) {
            Document first = collection.find(FeedKeys.range(prefix, prefixField))
                    .sort(Sorts.ascending("_id")).skip(cap).limit(1).projection(Projections.include("_id")).first();
            if (first != null) {
                trimmed++;
                deletes.add(new DeleteManyModel<>(
                        Filters.and(Filters.gte("_id", first.getString("_id")), FeedKeys.range(prefix, prefixField))));
                if (deletes.size() >= DELETES_PER_WRITE) {
                    collection.bulkWrite(deletes);
                    deletes.clear();
                }
            }
        }
        if (!deletes.isEmpty()) {
            collection.bulkWrite(deletes);
        }
        if (trimmed > 0) {
            log.debug("{}: trimmed {} lists to {} entries", collection.getNamespace(), trimmed, cap);
        }
        return trimmed;
    }
}
