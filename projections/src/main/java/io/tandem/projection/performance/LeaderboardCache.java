package io.tandem.projection.performance;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.leaderboard.FindLeaderboardQuery;
import io.tandem.contracts.leaderboard.LeaderboardEntryView;
import io.tandem.contracts.leaderboard.LeaderboardPage;
import io.tandem.contracts.leaderboard.LeaderboardSort;
import io.tandem.contracts.leaderboard.Period;
import io.tandem.contracts.leaderboard.TraderStatsView;
import io.tandem.projection.support.CompositeIds;
import io.tandem.projection.support.Cursors;
import io.tandem.projection.support.Numbers;
import io.tandem.projection.support.ReadModelCollections;
import org.bson.Document;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.tandem.projection.performance.PerformanceDocuments.*;

/**
 * The latest ranking of each period in memory, sorted once per sort key, so that a leaderboard page
 * costs one small read (the newest {@code leaderboard_runs} document, to see whether a newer ranking
 * exists) and a walk of an in-memory list. A period is loaded again, in one read of its rows (and one of
 * the ranker's lease document, for the abandoned generations), only when a query finds a newer generation
 * than the one it holds; queries arriving meanwhile answer from the one held. A load reads only the rows
 * of that generation ({@link LeaderboardStore#visibleAt}, none written by an abandoned generation), so it
 * never mixes two runs, and then checks that the run is still there (not pruned while it read).
 * <p>
 * A cursor names the last entry of a page by its sort value, handle and user id (with the period and
 * sort it belongs to), so that the next page starts right after where that entry sorts, even in a
 * newer ranking where it moved or is gone. Anything else is MALFORMED_REQUEST.
 */
final class LeaderboardCache {

    private static final String CURSOR_VERSION = "lb1";
    private static final int CURSOR_PARTS = 6;
    static final int MAX_PAGE_SIZE = 100;
    static final int DEFAULT_PAGE_SIZE = 20;
    private static final int LOAD_ATTEMPTS = 3;

    private final MongoCollection<Document> rankings;
    private final MongoCollection<Document> runs;
    private final MongoCollection<Document> control;
    private final Map<Period, Ranking> byPeriod = new EnumMap<>(Period.class);
    private final Set<Period> loading = EnumSet.noneOf(Period.class);

    LeaderboardCache(MongoDatabase database) {
        this.rankings = database.getCollection(ReadModelCollections.LEADERBOARD);
        this.runs = database.getCollection(ReadModelCollections.LEADERBOARD_RUNS);
        this.control = database.getCollection(ReadModelCollections.LEADERBOARD_RANKER);
    }

    LeaderboardPage page(FindLeaderboardQuery query) {
        if (query.period() == null) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "period is required");
        }
        LeaderboardSort sort = query.sortBy() == null ? LeaderboardSort.RETURN : query.sortBy();
        int size = Cursors.pageSize(query.first(), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        Ranking ranking = latest(query.period());
        Position after = query.after() == null || query.after().isBlank() ? null : Position.parse(query.after(), query.period(), sort);
        if (ranking == null) {
            return new LeaderboardPage(List.of(), false, null);
        }
        List<Entry> sorted = ranking.sorted.get(sort);
        int start = after == null ? 0 : firstAfter(sorted, sort, after);
        int rank = 0;
        for (int i = 0; i < start; i++) {
            if (matches(sorted.get(i), query)) {
                rank++;
            }
        }
        List<LeaderboardEntryView> items = new ArrayList<>(size);
        boolean hasNext = false;
        for (int i = start; i < sorted.size(); i++) {
            Entry entry = sorted.get(i);
            if (!matches(entry, query)) {
                continue;
            }
            if (items.size() == size) {
                hasNext = true;
                break;
            }
            rank++;
            items.add(new LeaderboardEntryView(rank, entry.stats, Position.of(entry, query.period(), sort).cursor()));
        }
        return new LeaderboardPage(items, hasNext, ranking.computedAt);
    }

    Optional<TraderStatsView> stats(String userId, Period period) {
        if (period == null) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "period is required");
        }
        Ranking ranking = latest(period);
        return ranking == null ? Optional.empty() : Optional.ofNullable(ranking.byUser.get(userId)).map(entry -> entry.stats);
    }

    private static boolean matches(Entry entry, FindLeaderboardQuery query) {
        if (query.minCopiers() != null && entry.stats.copiers() < query.minCopiers()) {
            return false;
        }
        return query.maxRiskScore() == null
                || (entry.stats.riskScore() != null && entry.stats.riskScore() <= query.maxRiskScore());
    }

    /** The first index whose entry sorts after the cursor's position. */
    private static int firstAfter(List<Entry> sorted, LeaderboardSort sort, Position after) {
        int low = 0;
        int high = sorted.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            Entry entry = sorted.get(middle);
            if (compare(sort, entry.value(sort), entry.stats.handle(), entry.stats.userId(), after.value, after.handle,
                    after.userId) <= 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** The ranking's order: by value (highest or lowest first as the sort says, none last), then handle, then user id. */
    static int compare(LeaderboardSort sort, BigDecimal a, String aHandle, String aUser, BigDecimal b, String bHandle, String bUser) {
        if (a == null || b == null) {
            if (a != b) {
                return a == null ? 1 : -1;
            }
        } else {
            int byValue = lowestFirst(sort) ? a.compareTo(b) : b.compareTo(a);
            if (byValue != 0) {
                return byValue;
            }
        }
        int byHandle = aHandle.compareTo(bHandle);
        return byHandle != 0 ? byHandle : aUser.compareTo(bUser);
    }

    private static boolean lowestFirst(LeaderboardSort sort) {
        return sort == LeaderboardSort.MAX_DRAWDOWN || sort == LeaderboardSort.RISK_SCORE;
    }

    /**
     * The period's ranking of the newest run, loaded when the cached one is older; null before the
     * first run. One query loads a newer generation while the others keep answering from the cached
     * one, so that a new run costs one load, not one per concurrent query.
     */
    private Ranking latest(Period period) {
        Ranking latest = null;
        for (int attempt = 0; attempt < LOAD_ATTEMPTS && latest == null; attempt++) {
            Document run = runs.find().sort(new Document("_id", -1)).limit(1).first();
            if (run == null) {
                return null;
            }
            latest = latest(period, run, attempt == LOAD_ATTEMPTS - 1);
        }
        return latest;
    }

    /**
     * The ranking of {@code run}, or null when it was pruned while loading (a reader that slow loads the
     * newest instead) unless {@code last}.
     */
    private Ranking latest(Period period, Document run, boolean last) {
        long generation = Numbers.longOf(run, GENERATION);
        synchronized (byPeriod) {
            Ranking cached = byPeriod.get(period);
            if (cached != null && (cached.generation >= generation || loading.contains(period))) {
                return cached;
            }
            loading.add(period);
        }
        Ranking loaded;
        try {
            loaded = load(period, generation, run.getString(COMPUTED_AT));
            if (!last && runs.find(Filters.eq("_id", run.getString("_id"))).first() == null) {
                return null;
            }
        } finally {
            synchronized (byPeriod) {
                loading.remove(period);
            }
        }
        synchronized (byPeriod) {
            Ranking cached = byPeriod.get(period);
            if (cached == null || cached.generation < generation) {
                byPeriod.put(period, loaded);
                return loaded;
            }
            return cached;
        }
    }

    private Ranking load(Period period, long generation, String computedAt) {
        List<Entry> entries = new ArrayList<>();
        Map<String, Entry> byUser = new HashMap<>();
        LeaderboardStore.Abandoned abandoned = LeaderboardStore.abandoned(control);
        for (Document document : rankings.find(Filters.and(CompositeIds.listing(period.name(), null),
                LeaderboardStore.visibleAt(period.name(), generation, abandoned)))) {
            Entry entry = new Entry(view(document, period, computedAt));
            entries.add(entry);
            byUser.put(entry.stats.userId(), entry);
        }
        Map<LeaderboardSort, List<Entry>> sorted = new EnumMap<>(LeaderboardSort.class);
        for (LeaderboardSort sort : LeaderboardSort.values()) {
            List<Entry> list = new ArrayList<>(entries);
            list.sort(comparator(sort));
            sorted.put(sort, List.copyOf(list));
        }
        return new Ranking(generation, computedAt, sorted, byUser);
    }

    private static Comparator<Entry> comparator(LeaderboardSort sort) {
        return (a, b) -> compare(sort, a.value(sort), a.stats.handle(), a.stats.userId(), b.value(sort), b.stats.handle(),
                b.stats.userId());
    }

    private static TraderStatsView view(Document document, Period period, String computedAt) {
        Object risk = document.get(RISK_SCORE);
        return new TraderStatsView(document.getString(USER_ID), document.getString(HANDLE), document.getString(DISPLAY_NAME),
                period, document.getString(RETURN_PERCENT), document.getString(MAX_DRAWDOWN_PERCENT),
                document.getString(VOLATILITY_PERCENT), risk == null ? null : ((Number) risk).intValue(),
                Numbers.longOf(document, COPIERS), document.getString(ASSETS_UNDER_COPY), document.getString(WIN_RATE_PERCENT),
                Numbers.longOf(document, TRADES), computedAt);
    }

    private record Ranking(long generation, String computedAt, Map<LeaderboardSort, List<Entry>> sorted,
                           Map<String, Entry> byUser) {
    }

    /** A ranked trader and the sort values of its figures, parsed once. */
    private static final class Entry {

        final TraderStatsView stats;
        private final Map<LeaderboardSort, BigDecimal> values = new EnumMap<>(LeaderboardSort.class);

        Entry(TraderStatsView stats) {
            this.stats = stats;
            values.put(LeaderboardSort.RETURN, decimal(stats.returnPercent()));
            values.put(LeaderboardSort.MAX_DRAWDOWN, decimal(stats.maxDrawdownPercent()));
            values.put(LeaderboardSort.RISK_SCORE, stats.riskScore() == null ? null : BigDecimal.valueOf(stats.riskScore()));
            values.put(LeaderboardSort.COPIERS, BigDecimal.valueOf(stats.copiers()));
            values.put(LeaderboardSort.ASSETS_UNDER_COPY, decimal(stats.assetsUnderCopy()));
            values.put(LeaderboardSort.WIN_RATE, decimal(stats.winRatePercent()));
            values.put(LeaderboardSort.TRADES, BigDecimal.valueOf(stats.trades()));
        }

        BigDecimal value(LeaderboardSort sort) {
            return values.get(sort);
        }

        private static BigDecimal decimal(String value) {
            return value == null ? null : new BigDecimal(value);
        }
    }

    /** Where a cursor points: after this value, handle and user id in this period's ranking by this sort. */
    private record Position(Period period, LeaderboardSort sort, BigDecimal value, String handle, String userId) {

        static Position of(Entry entry, Period period, LeaderboardSort sort) {
            return new Position(period, sort, entry.value(sort), entry.stats.handle(), entry.stats.userId());
        }

        String cursor() {
            return Cursors.encode(CompositeIds.of(CURSOR_VERSION, period.name(), sort.name(),
                    value == null ? "" : value.toPlainString(), handle, userId));
        }

        static Position parse(String cursor, Period period, LeaderboardSort sort) {
            String[] parts = Cursors.decode(cursor).split(String.valueOf(CompositeIds.SEPARATOR), -1);
            if (parts.length != CURSOR_PARTS || !parts[0].equals(CURSOR_VERSION) || !parts[1].equals(period.name())
                    || !parts[2].equals(sort.name()) || parts[5].isEmpty()) {
                throw Cursors.malformed(cursor);
            }
            BigDecimal value;
            try {
                value = parts[3].isEmpty() ? null : new BigDecimal(parts[3]);
            } catch (NumberFormatException e) {
                throw Cursors.malformed(cursor);
            }
            return new Position(period, sort, value, parts[4], parts[5]);
        }
    }
}
