package io.tandem.projection.performance;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.tandem.projection.support.CompositeIds;
import io.tandem.projection.support.Numbers;
import io.tandem.projection.support.ReadModelCollections;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.tandem.projection.performance.PerformanceDocuments.*;

/**
 * The stored rankings, by generation, so that a reader never mixes two runs and an interrupted run
 * shows nothing of itself. A row ({@code leaderboard}) is one trader's figures of one period valid
 * from generation {@code from} until generation {@code until} (excluded; absent while current); a
 * generation is published by its {@code leaderboard_runs} document, written after its rows. Readers
 * load the rows of the newest published generation ({@link #visibleAt}), so that rows of a run still
 * writing (or interrupted) are invisible and rows it supersedes stay visible until it is published.
 * <p>
 * Only what changed is written: a changed figure writes a new row from this generation and closes the
 * old one; an unchanged row stays as it is. Generations come from a counter in the store
 * ({@code leaderboard_ranker}), so that two nodes never reuse one, and a generation allocated but never
 * published is rolled back (its rows deleted, the rows it closed reopened) before the next is written.
 * Superseded rows and runs are pruned once {@value #GENERATIONS_KEPT} newer generations exist; the run
 * documents go first, so that a reader that still finds its run after loading has loaded it whole.
 */
final class LeaderboardStore {

    static final int GENERATIONS_KEPT = 10;
    static final int CHUNK = 1_000;
    private static final String GENERATIONS = "generations";
    private static final String LAST = "last";
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final Set<String> ROW_FIELDS = Set.of("_id", FROM, UNTIL);
    /** Current rows stored before generations existed (no {@code from}): valid from the start. */
    private static final Bson LEGACY = Filters.and(Filters.exists(FROM, false), Filters.eq(UNTIL, null));

    private final MongoCollection<Document> rankings;
    private final MongoCollection<Document> runs;
    private final MongoCollection<Document> control;
    private boolean legacyRows;

    LeaderboardStore(MongoDatabase database) {
        this.rankings = database.getCollection(ReadModelCollections.LEADERBOARD);
        this.runs = database.getCollection(ReadModelCollections.LEADERBOARD_RUNS);
        this.control = database.getCollection(ReadModelCollections.LEADERBOARD_RANKER);
    }

    /** The rows of one period visible at {@code generation} (rows stored before generations count as from the start). */
    static Bson visibleAt(String period, long generation) {
        return Filters.and(Filters.eq(PERIOD, period), Filters.or(Filters.eq(FROM, null), Filters.lte(FROM, generation)),
                Filters.or(Filters.eq(UNTIL, null), Filters.gt(UNTIL, generation)));
    }

    /** The newest published run, or null. */
    Document latestRun() {
        return runs.find().sort(new Document("_id", -1)).limit(1).first();
    }

    /** The newest published generation, 0 before the first. */
    long published() {
        Document run = latestRun();
        return run == null ? 0 : Numbers.longOf(run, GENERATION);
    }

    /**
     * A new generation above {@code published}, from the store's counter; if an earlier one was
     * allocated and never published, what it wrote is rolled back first.
     */
    long allocate(long published) {
        Document counter = control.findOneAndUpdate(Filters.eq("_id", GENERATIONS), Updates.inc(LAST, 1L),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        long generation = Numbers.longOf(counter, LAST);
        if (generation - 1 > published) {
            rankings.deleteMany(Filters.gt(FROM, published));
            rankings.updateMany(Filters.gt(UNTIL, published), Updates.unset(UNTIL));
        }
        if (generation <= published) {
            generation = published + 1;
            control.updateOne(Filters.eq("_id", GENERATIONS), Updates.set(LAST, generation));
        }
        return generation;
    }

    /** The current rows of {@code generation} by entry id (period U+0001 user id). */
    Map<String, Document> current(long generation) {
        legacyRows = rankings.find(LEGACY).limit(1).first() != null;
        Map<String, Document> rows = new HashMap<>();
        for (Document row : rankings.find(Filters.and(Filters.exists(FROM), Filters.lte(FROM, generation),
                Filters.or(Filters.eq(UNTIL, null), Filters.gt(UNTIL, generation))))) {
            rows.put(rankingId(row.getString(PERIOD), row.getString(USER_ID)), row);
        }
        return rows;
    }

    /**
     * Writes {@code next} (entry id to figures) as generation {@code generation} over {@code previous}
     * (the current rows), publishes it and prunes; answers the rows now current and counts the writes.
     */
    Published publish(long generation, Map<String, Document> next, Map<String, Document> previous, Instant now) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        Map<String, Document> rows = new HashMap<>();
        long superseded = 0;
        for (Map.Entry<String, Document> entry : next.entrySet()) {
            Document before = previous.get(entry.getKey());
            if (before != null && sameFigures(before, entry.getValue())) {
                rows.put(entry.getKey(), before);
                continue;
            }
            Document row = new Document(entry.getValue()).append("_id", rowId(entry.getKey(), generation)).append(FROM, generation);
            writes.add(new ReplaceOneModel<>(Filters.eq("_id", row.getString("_id")), row, new ReplaceOptions().upsert(true)));
            rows.put(entry.getKey(), row);
            if (before != null) {
                writes.add(close(before, generation));
                superseded++;
            }
        }
        for (Map.Entry<String, Document> entry : previous.entrySet()) {
            if (!next.containsKey(entry.getKey())) {
                writes.add(close(entry.getValue(), generation));
                superseded++;
            }
        }
        for (int from = 0; from < writes.size(); from += CHUNK) {
            rankings.bulkWrite(writes.subList(from, Math.min(writes.size(), from + CHUNK)), UNORDERED);
        }
        if (legacyRows) {
            // rows stored before generations: visible up to the one before this, pruned like any superseded row
            superseded += rankings.updateMany(LEGACY, Updates.set(UNTIL, generation)).getModifiedCount();
            legacyRows = false;
        }
        runs.replaceOne(Filters.eq("_id", runId(generation)), new Document("_id", runId(generation)).append(GENERATION, generation)
                .append(COMPUTED_AT, now.toString()).append(SUPERSEDED, superseded), new ReplaceOptions().upsert(true));
        prune(generation);
        return new Published(rows, writes.size());
    }

    /** What a publication left current and how many row writes it took. */
    record Published(Map<String, Document> rows, int writes) {
    }

    private void prune(long generation) {
        long oldestKept = generation - GENERATIONS_KEPT + 1;
        Bson expired = Filters.lt("_id", runId(oldestKept));
        boolean rowsToDelete = false;
        boolean any = false;
        for (Document run : runs.find(expired)) {
            any = true;
            rowsToDelete |= !run.containsKey(SUPERSEDED) || Numbers.longOf(run, SUPERSEDED) > 0;
        }
        if (!any) {
            return;
        }
        runs.deleteMany(expired);
        if (rowsToDelete) {
            // rows closed at or before the oldest kept generation are visible to none kept
            rankings.deleteMany(Filters.lte(UNTIL, oldestKept));
        }
    }

    private static UpdateOneModel<Document> close(Document row, long generation) {
        return new UpdateOneModel<>(Filters.eq("_id", row.get("_id")), Updates.set(UNTIL, generation));
    }

    private static String rowId(String entryId, long generation) {
        return entryId + CompositeIds.SEPARATOR + runId(generation);
    }

    /** Whether a stored row has the figures of {@code next} (its row fields aside). */
    static boolean sameFigures(Document row, Document next) {
        int compared = 0;
        for (Map.Entry<String, Object> field : next.entrySet()) {
            if (ROW_FIELDS.contains(field.getKey())) {
                continue;
            }
            if (!Objects.equals(normalized(row.get(field.getKey())), normalized(field.getValue()))) {
                return false;
            }
            compared++;
        }
        long stored = row.keySet().stream().filter(key -> !ROW_FIELDS.contains(key)).count();
        return stored == compared;
    }

    private static Object normalized(Object value) {
        return value instanceof Integer number ? Long.valueOf(number) : value;
    }
}
