package io.tandem.projection.performance;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.leaderboard.Period;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.Numbers;
import io.tandem.projection.support.ReadModelCollections;
import io.tandem.projection.support.SequencedUpdates;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tandem.projection.performance.PerformanceDocuments.*;

/**
 * Computes the whole leaderboard, every period, for today (the clock's UTC date) and publishes it as a
 * new generation ({@link LeaderboardStore}: readers see a whole run or the one before, never a mix).
 * Figures: {@link PerformanceFormulas}, over the daily equity series of each ranked trader's public
 * account ({@link EquitySeries}).
 * <p>
 * Built for many traders: a run reads in bulk, never per trader. It reads every ranked trader and live
 * copy (one read), the valuations of their public and COPY accounts ({@value #CHUNK} ids per read),
 * and only the closes of today and yesterday (all closes on the first run). The days before today of
 * an account cannot change while it has events only today, so what they contribute (each period's
 * chained index up to yesterday, and the day counts) is computed once and kept in memory per account
 * until the day changes, a past close changes, or the account gets an event stamped before today
 * (which its valuation's {@code previousDaySeq} and {@code lastSeq} tell); only then are the account's
 * valuation days read again, in bulk with the others due. A run then adds today to each of the four
 * chains of each trader, values the COPY accounts at last prices, and writes only the rows whose
 * figures changed.
 * <p>
 * A run is skipped while the {@code performance} processor replays or has not caught up
 * ({@link ProjectionProgress}), and then the caches are dropped; they are dropped too when the read
 * model was reset since the last run (the reset handler bumps a count this ranker checks) and when
 * another node published in between. Several nodes may schedule it: a lease ({@link RankerLease}) lets
 * one rank at a time, and generations come from the store. The lease is checked again before
 * publishing and must still be the tenure the run began under (or this node's own next one, taken
 * after its own expiry with no holder in between: the token moved by one); any other token, lower ones
 * included (the lease was reset: tokens start again at 1), means another tenure came in between and the
 * run steps down. So does a generation published since the run read the store. The publication itself
 * is fenced by the tenure, so a node that lost the lease mid-run never publishes over the new holder.
 */
public class LeaderboardRanker {

    static final int CHUNK = LeaderboardStore.CHUNK;
    static final String RESET = "reset";
    static final String RESETS = "resets";
    private static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);
    static final String LOCAL = "local";
    private static final Logger log = LoggerFactory.getLogger(LeaderboardRanker.class);

    private final MongoCollection<Document> ranked;
    private final MongoCollection<Document> valuations;
    private final MongoCollection<Document> days;
    private final MongoCollection<Document> closes;
    private final MongoCollection<Document> control;
    private final LeaderboardStore store;
    private final RankerLease lease;
    private final ProjectionProgress progress;
    private final InstrumentFormats formats;
    private final Clock clock;
    private long resetsSeen = -1;

    private DailyCloses dailyCloses;
    private long closesVersion;
    private LocalDate closesDay;
    private final Map<String, Prefix> prefixes = new HashMap<>();
    private Map<String, Document> previous;
    private long generation;

    /** A ranker that always finds the read model current, holding the lease as {@value #LOCAL} (tests, tools). */
    public LeaderboardRanker(MongoDatabase database, Clock clock) {
        this(database, clock, ProjectionProgress.ALWAYS, LOCAL, DEFAULT_LEASE);
    }

    /** {@code holder} names this node in the lease, which lasts {@code lease} from each renewal. */
    public LeaderboardRanker(MongoDatabase database, Clock clock, ProjectionProgress progress, String holder, Duration lease) {
        this.ranked = database.getCollection(ReadModelCollections.RANKED_TRADERS);
        this.valuations = database.getCollection(ReadModelCollections.VALUATIONS);
        this.days = database.getCollection(ReadModelCollections.VALUATION_DAYS);
        this.closes = database.getCollection(ReadModelCollections.DAILY_CLOSES);
        this.control = database.getCollection(ReadModelCollections.LEADERBOARD_RANKER);
        this.store = new LeaderboardStore(database);
        this.lease = new RankerLease(control, holder, lease, clock);
        this.progress = progress;
        this.formats = new InstrumentFormats(database);
        this.clock = clock;
    }

    /**
     * Computes and publishes the ranking of every period as of now; false when skipped (the read model
     * not current, or another node holding the lease).
     */
    public synchronized boolean rank() {
        if (!progress.caughtUp()) {
            dropCaches();
            log.debug("Leaderboard not ranked: the {} processor is replaying or catching up", PerformanceProjector.PROCESSING_GROUP);
            return false;
        }
        if (!lease.acquire()) {
            return false;
        }
        long tenure = lease.token();
        Document reset = control.find(Filters.eq("_id", RESET)).first();
        long resets = reset == null ? 0 : Numbers.longOf(reset, RESETS);
        if (resets != resetsSeen) {
            dropCaches();
            resetsSeen = resets;
        }
        long published = store.published();
        if (previous == null || published != generation) {
            if (previous != null) {
                dropCaches(); // another node ranked meanwhile: what this one cached may have missed changes
            }
            previous = store.current(published);
            generation = published;
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        refreshCloses(today);

        List<Document> traders = new ArrayList<>();
        Map<String, List<String>> copyAccountsByLeader = new HashMap<>();
        for (Document document : ranked.find()) {
            if (KIND_TRADER.equals(document.getString(KIND)) && document.getString(PUBLIC_ACCOUNT_ID) != null) {
                traders.add(document);
            } else if (KIND_COPY.equals(document.getString(KIND)) && Boolean.TRUE.equals(document.getBoolean(LIVE))
                    && document.getString(LEADER_ID) != null) {
                copyAccountsByLeader.computeIfAbsent(document.getString(LEADER_ID), leader -> new ArrayList<>())
                        .add(document.getString(COPY_ACCOUNT_ID));
            }
        }
        Set<String> accountIds = new HashSet<>();
        for (Document trader : traders) {
            accountIds.add(trader.getString(PUBLIC_ACCOUNT_ID));
            accountIds.addAll(copyAccountsByLeader.getOrDefault(trader.getString(USER_ID), List.of()));
        }
        Map<String, Document> accounts = byId(valuations, accountIds);

        List<String> due = new ArrayList<>();
        for (Document trader : traders) {
            Document valuation = accounts.get(trader.getString(PUBLIC_ACCOUNT_ID));
            if (valuation != null && valuation.getString(FIRST_DAY) != null) {
                Prefix prefix = prefixes.get(valuation.getString("_id"));
                if (prefix == null || !prefix.key.equals(keyOf(valuation, today))) {
                    due.add(valuation.getString("_id"));
                }
            }
        }
        computePrefixes(due, accounts, today);

        Map<String, Document> next = new LinkedHashMap<>();
        for (Document trader : traders) {
            Document valuation = accounts.get(trader.getString(PUBLIC_ACCOUNT_ID));
            if (valuation == null || valuation.getString(FIRST_DAY) == null) {
                continue;
            }
            List<String> copyAccounts = copyAccountsByLeader.getOrDefault(trader.getString(USER_ID), List.of());
            long underCopy = 0;
            for (String copyAccount : copyAccounts) {
                Document copyValuation = accounts.get(copyAccount);
                if (copyValuation != null && copyValuation.getString(DAY) != null) {
                    underCopy = Math.addExact(underCopy, EquitySeries.State.ofValuation(copyValuation)
                            .equity(today, dailyCloses, formats::require));
                }
            }
            Prefix prefix = prefixes.get(valuation.getString("_id"));
            EquitySeries.State now0 = EquitySeries.State.ofValuation(valuation);
            boolean eventsToday = !now0.day().isBefore(today);
            long equity = now0.equity(today, dailyCloses, formats::require);
            PerformanceFormulas.DayFlows flow = eventsToday ? now0.flows() : PerformanceFormulas.DayFlows.NONE;
            Map<Period, Figures> figures = prefix.figures(equity, flow, eventsToday ? now0 : null);
            for (Period period : Period.values()) {
                Figures of = figures.get(period);
                String id = rankingId(period.name(), trader.getString(USER_ID));
                next.put(id, new Document(PERIOD, period.name()).append(USER_ID, trader.getString(USER_ID))
                        .append(HANDLE, trader.getString(HANDLE)).append(DISPLAY_NAME, trader.getString(DISPLAY_NAME))
                        .append(RETURN_PERCENT, of.returnPercent()).append(MAX_DRAWDOWN_PERCENT, of.maxDrawdownPercent())
                        .append(VOLATILITY_PERCENT, of.volatilityPercent()).append(RISK_SCORE, of.riskScore())
                        .append(COPIERS, (long) copyAccounts.size()).append(ASSETS_UNDER_COPY, Cash.ofCents(underCopy).toDecimalString())
                        .append(WIN_RATE_PERCENT, of.winRatePercent()).append(TRADES, of.trades()));
            }
        }
        prefixes.keySet().retainAll(accountIds);
        if (!progress.caughtUp()) {
            dropCaches(); // stopped for a reset, or replaying, while this run read the model
            return false;
        }
        if (!lease.acquire()) {
            return false; // lost while computing: the holder publishes
        }
        long token = lease.token();
        if (token != tenure && token != tenure + 1) {
            // another node held the lease meanwhile and may have published, or the lease was reset (its tokens
            // start again at 1 when the performance model is rebuilt or reset): what this run read is stale
            previous = null;
            dropCaches();
            log.info("Leaderboard not published by {}: another node held the lease during the run, or it was reset "
                    + "(token {} then {})", lease.holder(), tenure, token);
            return false;
        }
        long publishedNow = store.published();
        if (publishedNow != published) {
            // a generation was published since this run read the store (under a tenure a reset hid from the token)
            previous = null;
            dropCaches();
            log.info("Leaderboard not published by {}: generation {} was published during the run, which began at {}",
                    lease.holder(), publishedNow, published);
            return false;
        }
        try {
            RankerLease.Fence fence = lease.fence();
            long allocated = store.allocate(published, fence);
            LeaderboardStore.Published stored = allocated < 0 ? null : store.publish(allocated, next, previous, now, fence);
            if (stored == null) {
                previous = null;
                dropCaches();
                log.info("Leaderboard generation {} not published by {}: the lease (token {}) expired or was taken "
                        + "before the publication; its rows were rolled back", allocated, lease.holder(), lease.token());
                return false;
            }
            previous = stored.rows();
            generation = allocated;
            log.debug("Leaderboard generation {}: {} entries, {} written", allocated, next.size(), stored.writes());
        } catch (RuntimeException e) {
            previous = null;
            throw e;
        }
        return true;
    }

    /** Gives the lease up, so that another node can rank at once (on shutdown). */
    public void release() {
        lease.release();
    }

    /** Forgets every cached close and prefix: the next run reads them again. */
    private void dropCaches() {
        dailyCloses = null;
        prefixes.clear();
        closesVersion++;
    }

    /** What the cached days before today of an account depend on: today, the past closes, and its last event before today. */
    private String keyOf(Document valuation, LocalDate today) {
        LocalDate day = LocalDate.parse(valuation.getString(DAY));
        long pastSeq = day.isBefore(today) ? Numbers.longOf(valuation, SequencedUpdates.LAST_SEQ)
                : Numbers.longOf(valuation, PREVIOUS_DAY_SEQ);
        return today + "/" + closesVersion + "/" + pastSeq;
    }

    private void computePrefixes(List<String> due, Map<String, Document> accounts, LocalDate today) {
        if (due.isEmpty()) {
            return;
        }
        Map<String, List<EquitySeries.State>> statesByAccount = new HashMap<>();
        Set<String> wanted = new HashSet<>(due);
        if (due.size() > CHUNK) {
            // many due (the first run, a new day, a changed past close): one pass over every day beats many $in reads
            collectDays(days.find(), wanted, today, statesByAccount);
        } else {
            collectDays(days.find(Filters.in(ACCOUNT_ID, due)), wanted, today, statesByAccount);
        }
        LocalDate yesterday = today.minusDays(1);
        for (String accountId : due) {
            Document valuation = accounts.get(accountId);
            List<EquitySeries.State> states = statesByAccount.getOrDefault(accountId, new ArrayList<>());
            states.sort((a, b) -> a.day().compareTo(b.day()));
            LocalDate firstDay = LocalDate.parse(valuation.getString(FIRST_DAY));
            List<EquitySeries.Day> past = firstDay.isAfter(yesterday) ? List.of()
                    : EquitySeries.between(states, dailyCloses, formats::require, firstDay, yesterday);
            Map<Period, PeriodPrefix> periods = new EnumMap<>(Period.class);
            for (Period period : Period.values()) {
                LocalDate start = period.days() == 0 ? firstDay : today.minusDays(period.days() - 1L);
                if (start.isBefore(firstDay)) {
                    start = firstDay;
                }
                long startIndex = start.toEpochDay() - firstDay.toEpochDay();
                long before = startIndex == 0 ? 0 : past.get((int) startIndex - 1).equity();
                PerformanceFormulas.Chain chain = new PerformanceFormulas.Chain(before);
                long sells = 0;
                long wins = 0;
                long trades = 0;
                for (int i = (int) startIndex; i < past.size(); i++) {
                    EquitySeries.Day day = past.get(i);
                    chain.day(day.equity(), day.flows());
                    sells += day.sells();
                    wins += day.wins();
                    trades += day.buys() + day.sells();
                }
                periods.put(period, new PeriodPrefix(chain, sells, wins, trades));
            }
            prefixes.put(accountId, new Prefix(keyOf(valuation, today), periods));
        }
    }

    private static void collectDays(Iterable<Document> found, Set<String> wanted, LocalDate today,
                                    Map<String, List<EquitySeries.State>> statesByAccount) {
        for (Document day : found) {
            String accountId = day.getString(ACCOUNT_ID);
            if (wanted.contains(accountId)) {
                EquitySeries.State state = EquitySeries.State.ofDay(day);
                if (state.day().isBefore(today)) {
                    statesByAccount.computeIfAbsent(accountId, id -> new ArrayList<>()).add(state);
                }
            }
        }
    }

    private void refreshCloses(LocalDate today) {
        if (dailyCloses == null) {
            dailyCloses = DailyCloses.all(closes);
            closesDay = today;
            return;
        }
        LocalDate from = closesDay.isBefore(today) ? closesDay.minusDays(1) : today.minusDays(1); // the days since the last run too
        boolean pastChanged = dailyCloses.merge(closes, Filters.gte(DAY, from.toString()), today);
        if (pastChanged || !today.equals(closesDay)) {
            closesVersion++;
            closesDay = today;
        }
    }

    private static Map<String, Document> byId(MongoCollection<Document> collection, Collection<String> ids) {
        Map<String, Document> found = new HashMap<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += CHUNK) {
            for (Document document : collection.find(Filters.in("_id", all.subList(from, Math.min(all.size(), from + CHUNK))))) {
                found.put(document.getString("_id"), document);
            }
        }
        return found;
    }

    /**
     * What the days before today of an account contribute to each period, valid while {@code key}
     * holds, and the figures of the last run, reused while today's equity, flow and counts stay the same.
     */
    private static final class Prefix {

        final String key;
        final Map<Period, PeriodPrefix> periods;
        private String todayKey;
        private Map<Period, Figures> figures;

        Prefix(String key, Map<Period, PeriodPrefix> periods) {
            this.key = key;
            this.periods = periods;
        }

        /** Each period's figures with today added: it ended at {@code equity} after {@code flow}; {@code today} its counts (null: no events today). */
        Map<Period, Figures> figures(long equity, PerformanceFormulas.DayFlows flow, EquitySeries.State today) {
            long buys = today == null ? 0 : today.buys();
            long sells = today == null ? 0 : today.sells();
            long wins = today == null ? 0 : today.wins();
            String asked = equity + "/" + flow + "/" + buys + "/" + sells + "/" + wins;
            if (asked.equals(todayKey)) {
                return figures;
            }
            Map<Period, Figures> computed = new EnumMap<>(Period.class);
            for (Map.Entry<Period, PeriodPrefix> period : periods.entrySet()) {
                PeriodPrefix prefix = period.getValue();
                PerformanceFormulas.Chain chain = prefix.chain.copy().day(equity, flow);
                String volatility = chain.volatilityPercent();
                computed.put(period.getKey(), new Figures(chain.returnPercent(), chain.maxDrawdownPercent(), volatility,
                        PerformanceFormulas.riskScore(volatility),
                        PerformanceFormulas.winRatePercent(prefix.sells + sells, prefix.wins + wins),
                        prefix.trades + buys + sells));
            }
            todayKey = asked;
            figures = computed;
            return computed;
        }
    }

    private record Figures(String returnPercent, String maxDrawdownPercent, String volatilityPercent, Integer riskScore,
                           String winRatePercent, long trades) {
    }

    private record PeriodPrefix(PerformanceFormulas.Chain chain, long sells, long wins, long trades) {
    }
}
