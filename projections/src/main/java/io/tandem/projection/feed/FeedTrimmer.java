package io.tandem.projection.feed;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.DeleteManyModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.WriteModel;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps one collection's lists (timelines per owner, recent posts per author) at most {@code cap}
 * entries deep, off the hot path, without walking every list that was added to. The projector
 * records, once its batch has committed, how many entries it added to which lists; the trimmer keeps
 * in memory an upper bound of each list's size: {@code cap} right after the list was walked, plus one
 * per entry added since. {@link #sweep} (run every {@code tandem.feed.trim-interval} by
 * {@link FeedSweeper}) walks only the lists whose bound passes {@code cap + slack} ({@code slack} is a
 * quarter of the cap), or whose bound is unknown (not seen since start, or forgotten): per list one
 * range read that stops at the cap, then a delete from there to the end of the list, all lists'
 * deletes in one bulk write. So a full timeline is walked once per {@code slack} new entries, not once
 * per sweep, at the price of storing up to {@code cap + slack} entries; readers stop at the cap.
 * <p>
 * The bounds of at most {@value #MAX_TRACKED} lists are kept (the least recently added to are
 * forgotten first: such a list is walked again when next added to), and at most that many lists wait
 * for a sweep (beyond that, a list is trimmed when next added to). Readers never look beyond the cap,
 * so a list may be deeper for a while. Deleting the oldest entries races with nothing: a newer entry
 * arriving meanwhile only adds to the bound for a later sweep.
 */
final class FeedTrimmer {

    static final int MAX_TRACKED = 100_000;
    private static final Logger log = LoggerFactory.getLogger(FeedTrimmer.class);
    private static final int DELETES_PER_WRITE = 1_000;

    private final MongoCollection<Document> collection;
    private final String prefixField;
    private final int cap;
    private final int slack;
    private final String resourceKey = FeedTrimmer.class.getName() + ".added." + System.identityHashCode(this);
    /** Upper bounds of list sizes, least recently added to first; guarded by {@code this}. */
    private final Map<String, Integer> bounds = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > MAX_TRACKED;
        }
    };
    /** Lists that may be over {@code cap + slack}; guarded by {@code this}. */
    private final Set<String> due = new LinkedHashSet<>();

    FeedTrimmer(MongoCollection<Document> collection, String prefixField, int cap) {
        this.collection = collection;
        this.prefixField = prefixField;
        this.cap = cap;
        this.slack = Math.max(1, cap / 4);
    }

    /** Records {@code entries} added to the list of {@code prefix}, once the current batch commits (at once without one). */
    void added(String prefix, int entries) {
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            Map<String, Integer> batch = root.getOrComputeResource(resourceKey, key -> {
                Map<String, Integer> created = new HashMap<>();
                root.afterCommit(u -> record(created));
                return created;
            });
            batch.merge(prefix, entries, Integer::sum);
        } else {
            record(Map.of(prefix, entries));
        }
    }

    private synchronized void record(Map<String, Integer> added) {
        for (Map.Entry<String, Integer> entry : added.entrySet()) {
            String prefix = entry.getKey();
            Integer bound = bounds.get(prefix);
            if (bound == null) {
                due.add(prefix); // unknown size: walk it once
                bounds.put(prefix, Integer.MAX_VALUE);
                continue;
            }
            int next = bound == Integer.MAX_VALUE ? bound : (int) Math.min(Integer.MAX_VALUE - 1L, (long) bound + entry.getValue());
            bounds.put(prefix, next);
            if (next > cap + slack) {
                due.add(prefix);
            }
        }
        if (due.size() > MAX_TRACKED) {
            List<String> dropped = new ArrayList<>();
            for (String prefix : due) {
                if (due.size() - dropped.size() <= MAX_TRACKED) {
                    break;
                }
                dropped.add(prefix);
            }
            dropped.forEach(prefix -> {
                due.remove(prefix);
                bounds.remove(prefix);
            });
        }
    }

    synchronized void forgetAll() {
        bounds.clear();
        due.clear();
    }

    /** Trims every list that may be over its cap; answers how many were. A failed sweep keeps them for the next. */
    int sweep() {
        List<String> lists;
        synchronized (this) {
            lists = new ArrayList<>(due);
            due.clear();
        }
        try {
            return trim(lists);
        } catch (RuntimeException e) {
            synchronized (this) {
                due.addAll(lists);
            }
            throw e;
        }
    }

    private int trim(List<String> lists) {
        List<WriteModel<Document>> deletes = new ArrayList<>();
        int trimmed = 0;
        for (String prefix : lists) {
            // Entries added from here on count from the cap: the walk and the delete leave at most that many.
            synchronized (this) {
                bounds.put(prefix, cap);
            }
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
