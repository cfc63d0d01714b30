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

import java.time.Duration;
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
 * old one; an unchanged row stays as it is. Generations come from a counter on the ranker's lease
 * document ({@code leaderboard_ranker}), so that two nodes never reuse one and a later tenure of the
 * lease always allocates above an earlier one, and a generation allocated but never published is
 * rolled back (its rows deleted, the rows it closed reopened) before the next is written.
 * Superseded rows and runs are pruned once {@value #GENERATIONS_KEPT} newer generations exist; the run
 * documents go first, so that a reader that still finds its run after loading has loaded it whole.
 * <p>
 * Every write is fenced by the ranker's lease ({@link RankerLease.Fence}): allocating a generation is
 * a conditional update of the lease document, the rows are written only while the tenure holds
 * (checked before each chunk), and the generation is committed by a conditional update of the lease
 * document (its {@code published} field) that only matches while the publishing node still holds the
 * lease with the token it ranked under; the run document is written after that commit. A node that
 * lost the lease meanwhile (paused past its end while another took over) commits nothing and deletes
 * what it wrote, so its generation never becomes visible; a commit that wins means no other node has
 * taken the lease yet, and one that takes it afterwards finds the committed generation
 * ({@link #published()} reads the commit too) and builds on it instead of rolling it back. Rows are
 * closed with {@code $max}, and rollbacks touch only the generations of their own tenure or earlier,
 * so late writes of a node that lost the lease never undo a later holder's. A chunk such a node sent
 * before it lost the lease can still land at any time later (it paused between its check and its
 * write), and if the node dies or its own rollback fails it stays. So the allocation of a generation
 * above the published one records the generations in between as abandoned ({@link Abandoned}, on the
 * lease document, in the same fenced update as the counter, which also requires that no generation above
 * the published one was committed): none of them was committed, and none can be, since each belongs to a
 * run that is over or to a tenure that is, and a commit is fenced by its tenure. Readers ({@link #visibleAt})
 * and the next run ({@link #current}) ignore rows whose {@code from} is abandoned and take an
 * {@code until} that is abandoned as open (a late close, a {@code $max}, only raises an open or abandoned
 * {@code until} to its own abandoned generation), and pruning keeps such rows; so a published generation
 * never shows a late chunk, whenever its write lands. The rollbacks (at allocation, and again by the holder right before its commit) only
 * clean up. An abandoned range is rolled back once more and forgotten once it is {@value #GENERATIONS_KEPT}
 * generations below the published one and an hour old ({@link #ABANDONED_KEPT}), which keeps the record
 * small (ranges only come from takeovers and failed runs): only a write landing after that (in flight for
 * an hour) would show. The record goes with the
 * lease document: if that is deleted (the ranker's state reset), a late chunk of the last generations that
 * escaped both rollbacks can show again. Rows stored before generations are closed only after a commit
 * that won, so no unpublished generation ever closes them.
 */
final class LeaderboardStore {

    static final int GENERATIONS_KEPT = 10;
    static final int CHUNK = 1_000;
    private static final String GENERATIONS = "generations";
    private static final String LAST = "last";
    /** The lease document's field holding the newest committed generation. */
    static final String PUBLISHED = "published";
    /** The lease document's field holding the last generation allocated. */
    static final String ALLOCATED = "allocated";
    /** The lease document's field holding the abandoned generations ({@link Abandoned}). */
    static final String ABANDONED = "abandoned";
    private static final String AFTER = "after";
    private static final String BEFORE = "before";
    private static final String AT = "at";
    /**
     * How long an abandoned range is remembered at least (and {@value #GENERATIONS_KEPT} generations): far longer than
     * any lease, so a write of a node that paused past its lease stays hidden even when it lands very late.
     */
    static final Duration ABANDONED_KEPT = Duration.ofHours(1);
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

    /**
     * The rows of one period visible at the published {@code generation} (rows stored before generations count as
     * from the start): none written by an {@code abandoned} generation, and a row closed by one still open.
     */
    static Bson visibleAt(String period, long generation, Abandoned abandoned) {
        return Filters.and(Filters.eq(PERIOD, period), visible(generation, abandoned));
    }

    private static Bson visible(long generation, Abandoned abandoned) {
        List<Bson> from = new ArrayList<>(List.of(Filters.lte(FROM, generation)));
        List<Bson> until = new ArrayList<>(List.of(Filters.eq(UNTIL, null), Filters.gt(UNTIL, generation)));
        for (Range range : abandoned.ranges()) {
            if (range.after() < generation) { // the ranges above a published generation hold none of its rows
                from.add(range.excludes(FROM));
                until.add(range.includes(UNTIL));
            }
        }
        return Filters.and(Filters.or(Filters.eq(FROM, null), Filters.and(from)), Filters.or(until));
    }

    /** The abandoned generations as the lease document (in {@code control}) records them now. */
    static Abandoned abandoned(MongoCollection<Document> control) {
        return Abandoned.of(control.find(Filters.eq("_id", RankerLease.LEASE)).first());
    }

    /**
     * The generations allocated and never published, and never to be (a later generation was allocated under the
     * lease above them): ranges between two generations, both excluded, on the lease document ({@value #ABANDONED}).
     */
    record Abandoned(List<Range> ranges) {

        static final Abandoned NONE = new Abandoned(List.of());

        static Abandoned of(Document lease) {
            List<Document> stored = lease == null ? null : lease.getList(ABANDONED, Document.class);
            if (stored == null || stored.isEmpty()) {
                return NONE;
            }
            List<Range> ranges = new ArrayList<>(stored.size());
            for (Document range : stored) {
                ranges.add(new Range(Numbers.longOf(range, AFTER), Numbers.longOf(range, BEFORE), Numbers.longOf(range, AT)));
            }
            return new Abandoned(List.copyOf(ranges));
        }
    }

    /** The generations above {@code after} and below {@code before}, recorded as abandoned at {@code at} (epoch millis). */
    record Range(long after, long before, long at) {

        Bson excludes(String field) {
            return Filters.or(Filters.lte(field, after), Filters.gte(field, before));
        }

        Bson includes(String field) {
            return Filters.and(Filters.gt(field, after), Filters.lt(field, before));
        }

        Document document() {
            return new Document(AFTER, after).append(BEFORE, before).append(AT, at);
        }
    }

    /** The newest published run, or null. */
    Document latestRun() {
        return runs.find().sort(new Document("_id", -1)).limit(1).first();
    }

    /**
     * The newest published generation, 0 before the first: the newer of the newest run document and the
     * lease's commit (a node may have committed and not yet written, or never written, its run document).
     */
    long published() {
        Document run = latestRun();
        Document lease = control.find(Filters.eq("_id", RankerLease.LEASE)).first();
        return Math.max(run == null ? 0 : Numbers.longOf(run, GENERATION), Numbers.longOf(lease, PUBLISHED));
    }

    /**
     * A new generation above {@code published}, from the counter on the lease document, set under
     * {@code fence} (so a later tenure always allocates above every earlier one); -1 when the tenure no
     * longer holds, or a generation above {@code published} was committed meanwhile. The same update
     * records the generations between {@code published} and the new one as abandoned, so that readers
     * ignore whatever they wrote, even what lands later; what they wrote is then rolled back as well.
     * Only generations below this one are touched, so a node that lost the lease and rolls back late
     * never deletes what a later holder writes. Abandoned ranges {@value #GENERATIONS_KEPT} generations
     * below {@code published} and older than {@link #ABANDONED_KEPT} are rolled back once more and
     * forgotten, which keeps the record small.
     */
    long allocate(long published, RankerLease.Fence fence) {
        Document lease = control.find(Filters.eq("_id", RankerLease.LEASE)).first();
        // the counter kept in its own document before the lease carried it: generations up to it may have rows
        long floor = Math.max(published, Numbers.longOf(control.find(Filters.eq("_id", GENERATIONS)).first(), LAST));
        long generation = Math.max(Numbers.longOf(lease, ALLOCATED), floor) + 1;
        List<Document> abandoned = new ArrayList<>();
        long now = fence.clock().millis();
        for (Range range : Abandoned.of(lease).ranges()) {
            if (range.before() <= published - GENERATIONS_KEPT && now - range.at() >= ABANDONED_KEPT.toMillis()) {
                rollBackBetween(range.after(), range.before()); // long since cleaned up: again, before forgetting them
            } else if (range.after() < published) {
                abandoned.add(range.document()); // not within the range this allocation records
            }
        }
        if (generation - 1 > published) {
            abandoned.add(new Range(published, generation, now).document());
        }
        Bson unchanged = Filters.and(Filters.eq(ALLOCATED, lease == null ? null : lease.get(ALLOCATED)),
                Filters.or(Filters.eq(PUBLISHED, null), Filters.lte(PUBLISHED, published)));
        if (fence.updateAndGet(unchanged, Updates.combine(Updates.set(ALLOCATED, generation), Updates.set(ABANDONED, abandoned))) == null) {
            return -1;
        }
        rollBackBetween(published, generation);
        return generation;
    }

    /**
     * Rolls back every generation between {@code published} and {@code generation} (both excluded):
     * allocated, never published, and never to be (generations are allocated in order under the lease,
     * so only earlier tenures wrote them). Nothing to do when there is none.
     */
    private void rollBackBetween(long published, long generation) {
        if (generation - 1 > published) {
            rankings.deleteMany(Filters.and(Filters.gt(FROM, published), Filters.lt(FROM, generation)));
            rankings.updateMany(Filters.and(Filters.gt(UNTIL, published), Filters.lt(UNTIL, generation)), Updates.unset(UNTIL));
        }
    }

    /** The abandoned generations as recorded now (one small read of the lease document). */
    Abandoned abandoned() {
        return abandoned(control);
    }

    /**
     * The current rows of the published {@code generation} by entry id (period U+0001 user id): none of an abandoned
     * generation, and those closed by one as open.
     */
    Map<String, Document> current(long generation) {
        legacyRows = rankings.find(LEGACY).limit(1).first() != null;
        Map<String, Document> rows = new HashMap<>();
        for (Document row : rankings.find(Filters.and(Filters.exists(FROM), visible(generation, abandoned())))) {
            rows.put(rankingId(row.getString(PERIOD), row.getString(USER_ID)), row);
        }
        return rows;
    }

    /**
     * Writes {@code next} (entry id to figures) as generation {@code generation} over {@code previous}
     * (the current rows), publishes it if {@code fence} still holds and prunes; answers the rows now
     * current and counts the writes, or null when the fence refused (what this generation wrote is
     * then deleted and the rows it closed reopened: it never becomes visible).
     */
    Published publish(long generation, Map<String, Document> next, Map<String, Document> previous, Instant now,
                      RankerLease.Fence fence) {
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
            if (!fence.holds()) {
                rollBack(generation);
                return null;
            }
            rankings.bulkWrite(writes.subList(from, Math.min(writes.size(), from + CHUNK)), UNORDERED);
        }
        // a node that lost the lease may have written a chunk after this generation's allocation rolled its generation
        // back (paused between its check and its write) and failed to roll it back itself: again, just before the commit
        // (cleanup only: its generation is abandoned, so no reader sees it, whenever it lands)
        rollBackBetween(published(), generation);
        // the commit also requires that this is still the generation last allocated: a committed generation is then never
        // one a later allocation recorded as abandoned
        if (fence.updateAndGet(Filters.eq(ALLOCATED, generation), Updates.max(PUBLISHED, generation)) == null) {
            rollBack(generation);
            return null;
        }
        if (legacyRows) {
            // rows stored before generations: visible up to the one before this, pruned like any superseded row. Closed
            // only by the node whose commit won (readers see the generation once its run document is written, below), so
            // that no unpublished generation ever closes them
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

    /** Deletes the rows of an unpublished {@code generation} and reopens the rows it closed (and only those). */
    private void rollBack(long generation) {
        rankings.deleteMany(Filters.eq(FROM, generation));
        rankings.updateMany(Filters.eq(UNTIL, generation), Updates.unset(UNTIL));
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
            // rows closed at or before the oldest kept generation are visible to none kept, unless an abandoned one closed them
            List<Bson> closed = new ArrayList<>(List.of(Filters.lte(UNTIL, oldestKept)));
            for (Range range : abandoned().ranges()) {
                closed.add(range.excludes(UNTIL));
            }
            rankings.deleteMany(Filters.and(closed));
        }
    }

    private static UpdateOneModel<Document> close(Document row, long generation) {
        return new UpdateOneModel<>(Filters.eq("_id", row.get("_id")), Updates.max(UNTIL, generation));
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
