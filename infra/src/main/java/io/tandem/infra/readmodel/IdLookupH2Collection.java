package io.tandem.infra.readmodel;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An H2-backed collection that uses the {@code _id} order of its data map the way MongoDB uses its
 * {@code _id} index. mongo-java-server only uses an index when the query has exactly the index's
 * keys, so without this every other query scanned the whole collection:
 * <ul>
 *   <li>a query naming a single {@code _id} (plus other conditions, as the projectors' conditional
 *       updates with a {@code lastSeq} guard do) looks that one document up;</li>
 *   <li>a query whose {@code _id} condition is a string range ({@code $gt}, {@code $gte}, {@code $lt},
 *       {@code $lte}, any combination) walks only that key range of the map, ascending, or descending
 *       when the sort is {@code {_id: -1}}; when the sort is on {@code _id} only, or absent, it stops as
 *       soon as skip + limit documents matched. Listings keyed by composite string ids
 *       ({@code owner \u0001 ...}) are one such walk;</li>
 *   <li>{@code {_id: {$in: [strings]}}} looks each id up.</li>
 * </ul>
 * The whole query is still matched against every candidate, so the answer is the full scan's: the
 * candidates are a superset of the matches (a string range only matches strings, and the map keeps
 * string keys together, ordered by {@link String#compareTo} exactly as mongo-java-server's value
 * comparator orders them), and they come in the map's key order, which is the order of an unsorted
 * scan; any other sort is applied to them as it would be to the scan (stably). Everything else goes
 * to the stock implementation.
 */
final class IdLookupH2Collection extends H2Collection {

    private static final String ID = "_id";

    /** Documents read by range walks and id look-ups, for tests that check a query took this path. */
    static final java.util.concurrent.atomic.LongAdder CANDIDATES_READ = new java.util.concurrent.atomic.LongAdder();

    private final MVMap<Object, Document> dataMap;
    private final ThreadLocal<Document> nextScan = new ThreadLocal<>();

    IdLookupH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                         MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
        this.dataMap = dataMap;
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        if (query == null) {
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        Object id = query.get(ID);
        if (id != null && !(id instanceof Document) && !(id instanceof Collection<?>)) {
            if (query.size() < 2) {
                return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            }
            QueryResult byId = super.queryDocuments(new Document(ID, id), null, 0, 0, 0, null);
            return matchDocumentsFromStream(StreamSupport.stream(byId.spliterator(), false), query, orderBy, numberToSkip,
                    limit, batchSize, fieldSelector);
        }
        Integer idOrder = idOnlyOrder(orderBy);
        Stream<Document> candidates = candidates(query, idOrder != null && idOrder < 0);
        if (candidates == null) {
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        // Already in the requested order: no sort, so skip and limit stop the walk early.
        Document remainingOrder = idOrder != null || orderBy == null || orderBy.isEmpty() ? null : orderBy;
        return matchDocumentsFromStream(candidates, query, remainingOrder, numberToSkip, limit, batchSize, fieldSelector);
    }

    /**
     * The documents an aggregation starts from. When its first stage is a {@code $match} that the
     * {@code _id} order serves ({@link #restrictNextScan}), only that stage's candidates, in key order
     * as the full scan has them; the stage itself still filters them. The driver counts documents
     * ({@code countDocuments}) with such a pipeline.
     */
    @Override
    public Stream<Document> queryAllAsStream() {
        Document match = nextScan.get();
        if (match != null) {
            nextScan.remove();
            Stream<Document> candidates = candidates(match, false);
            if (candidates != null) {
                return candidates;
            }
        }
        return super.queryAllAsStream();
    }

    /** The next {@link #queryAllAsStream} of this thread serves an aggregation whose first stage matches {@code match}. */
    void restrictNextScan(Document match) {
        nextScan.set(match);
    }

    void clearNextScan() {
        nextScan.remove();
    }

    /**
     * The documents in key order (descending if asked) that an {@code _id} condition of {@code query}
     * (at its top level or inside top-level {@code $and}s) allows: a superset of its matches. Null when
     * no such condition narrows the scan.
     */
    private Stream<Document> candidates(Document query, boolean descending) {
        List<Object> conditions = new ArrayList<>();
        collectIdConditions(query, conditions);
        StringRange range = null;
        for (Object condition : conditions) {
            List<String> ids = condition instanceof Document document ? stringsIn(document) : null;
            if (ids != null) {
                return byIds(ids, descending).stream();
            }
            StringRange conditionRange = condition instanceof String string ? new StringRange(string, true, string, true)
                    : condition instanceof Document document ? StringRange.of(document) : null;
            if (conditionRange != null) {
                range = range == null ? conditionRange : range.intersect(conditionRange);
            }
        }
        if (range == null) {
            return null;
        }
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(
                new RangeIterator(dataMap, range, descending), Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    private static void collectIdConditions(Document query, List<Object> conditions) {
        if (query.containsKey(ID)) {
            conditions.add(query.get(ID));
        }
        if (query.get("$and") instanceof Collection<?> clauses) {
            for (Object clause : clauses) {
                if (clause instanceof Document document) {
                    collectIdConditions(document, conditions);
                }
            }
        }
    }

    private List<Document> byIds(List<String> ids, boolean descending) {
        TreeSet<String> sorted = new TreeSet<>(ids);
        Iterable<String> keys = descending ? sorted.descendingSet() : sorted;
        List<Document> candidates = new ArrayList<>(sorted.size());
        for (String key : keys) {
            Document document = dataMap.get(key);
            if (document != null) {
                CANDIDATES_READ.increment();
                candidates.add(document);
            }
        }
        return candidates;
    }

    /** 1 or -1 when the sort is on {@code _id} alone, null otherwise (absent, or on other fields). */
    private static Integer idOnlyOrder(Document orderBy) {
        if (orderBy == null || orderBy.size() != 1 || !(orderBy.get(ID) instanceof Number direction)) {
            return null;
        }
        int value = direction.intValue();
        return value == 1 || value == -1 ? value : null;
    }

    /** The ids of {@code {$in: [...]}} when that is the whole condition and every id is a string; null otherwise. */
    private static List<String> stringsIn(Document condition) {
        if (condition.size() != 1 || !(condition.get("$in") instanceof Collection<?> values)) {
            return null;
        }
        List<String> ids = new ArrayList<>(values.size());
        for (Object value : values) {
            if (!(value instanceof String string)) {
                return null;
            }
            ids.add(string);
        }
        return ids;
    }

    /** A range of string ids; a null bound is open. */
    record StringRange(String lower, boolean lowerInclusive, String upper, boolean upperInclusive) {

        /** The range a condition of only {@code $gt/$gte/$lt/$lte} with string values names; null for any other condition. */
        static StringRange of(Document condition) {
            if (condition.isEmpty()) {
                return null;
            }
            String lower = null;
            String upper = null;
            boolean lowerInclusive = true;
            boolean upperInclusive = true;
            for (var entry : condition.entrySet()) {
                if (!(entry.getValue() instanceof String bound)) {
                    return null;
                }
                switch (entry.getKey()) {
                    case "$gt", "$gte" -> {
                        boolean inclusive = entry.getKey().equals("$gte");
                        int c = lower == null ? 1 : bound.compareTo(lower);
                        if (c > 0 || (c == 0 && !inclusive)) {
                            lower = bound;
                            lowerInclusive = inclusive;
                        }
                    }
                    case "$lt", "$lte" -> {
                        boolean inclusive = entry.getKey().equals("$lte");
                        int c = upper == null ? -1 : bound.compareTo(upper);
                        if (c < 0 || (c == 0 && !inclusive)) {
                            upper = bound;
                            upperInclusive = inclusive;
                        }
                    }
                    default -> {
                        return null;
                    }
                }
            }
            return new StringRange(lower, lowerInclusive, upper, upperInclusive);
        }

        StringRange intersect(StringRange other) {
            StringRange tighterLower = lower == null ? other : other.lower == null ? this
                    : tighterLower(other) ? this : other;
            StringRange tighterUpper = upper == null ? other : other.upper == null ? this
                    : tighterUpper(other) ? this : other;
            return new StringRange(tighterLower.lower, tighterLower.lowerInclusive, tighterUpper.upper,
                    tighterUpper.upperInclusive);
        }

        private boolean tighterLower(StringRange other) {
            int c = lower.compareTo(other.lower);
            return c > 0 || (c == 0 && !lowerInclusive);
        }

        private boolean tighterUpper(StringRange other) {
            int c = upper.compareTo(other.upper);
            return c < 0 || (c == 0 && !upperInclusive);
        }

        boolean aboveLower(String key) {
            if (lower == null) {
                return true;
            }
            int c = key.compareTo(lower);
            return c > 0 || (c == 0 && lowerInclusive);
        }

        boolean belowUpper(String key) {
            if (upper == null) {
                return true;
            }
            int c = key.compareTo(upper);
            return c < 0 || (c == 0 && upperInclusive);
        }
    }

    /**
     * The documents whose string keys lie in a range, walked lazily over a snapshot of the map. String
     * keys are contiguous in the map, so the walk starts at the near bound (or the first string) and
     * ends at the far bound or the first key that is not a string; a descending walk without an upper
     * bound starts at the last key and passes over the keys of other types that sort after strings.
     */
    private static final class RangeIterator implements Iterator<Document> {

        private final StringRange range;
        private final boolean descending;
        private final Cursor<Object, Document> cursor;
        private Document next;
        private boolean done;
        private boolean seenString;

        RangeIterator(MVMap<Object, Document> map, StringRange range, boolean descending) {
            this.range = range;
            this.descending = descending;
            Object from = descending ? range.upper() : (range.lower() == null ? "" : range.lower());
            this.cursor = map.cursor(from, null, descending);
        }

        @Override
        public boolean hasNext() {
            while (next == null && !done) {
                if (!cursor.hasNext()) {
                    done = true;
                    break;
                }
                Object key = cursor.next();
                if (!(key instanceof String string)) {
                    if (descending && range.upper() == null && !seenString) {
                        continue; // keys of types that sort after strings, before the first string
                    }
                    done = true;
                    break;
                }
                seenString = true;
                if (descending ? !range.aboveLower(string) : !range.belowUpper(string)) {
                    done = true;
                    break;
                }
                if (descending ? range.belowUpper(string) : range.aboveLower(string)) {
                    next = cursor.getValue();
                    CANDIDATES_READ.increment();
                }
            }
            return next != null;
        }

        @Override
        public Document next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Document document = next;
            next = null;
            return document;
        }
    }
}
