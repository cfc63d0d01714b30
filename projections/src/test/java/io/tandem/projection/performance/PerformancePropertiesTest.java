package io.tandem.projection.performance;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.copy.CopyId;
import io.tandem.contracts.leaderboard.FindLeaderboardQuery;
import io.tandem.contracts.leaderboard.FindTraderStatsQuery;
import io.tandem.contracts.leaderboard.LeaderboardEntryView;
import io.tandem.contracts.leaderboard.LeaderboardPage;
import io.tandem.contracts.leaderboard.LeaderboardSort;
import io.tandem.contracts.leaderboard.Period;
import io.tandem.contracts.leaderboard.TraderStatsView;
import io.tandem.contracts.orderbook.InstrumentListedEvent;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.portfolio.EquityDayView;
import io.tandem.contracts.portfolio.FindEquityHistoryQuery;
import io.tandem.contracts.portfolio.FindPortfolioQuery;
import io.tandem.contracts.portfolio.PortfolioPositionView;
import io.tandem.contracts.portfolio.PortfolioView;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.ProjectionBatches;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the history, every figure the performance read model publishes (portfolio, equity
 * history, each period's trader stats and the RETURN ranking) is, as a string, exactly what
 * {@link ReferencePerformance} computes from the published formulas. Histories are random: a few
 * accounts over several UTC days (some without activity, some long gaps so that D7, D30, D90 and ALL
 * differ), one to three instruments of different tick and lot sizes, deposits, withdrawals,
 * adjustments, buys and sells at moving prices with fees (partial fills, partial sells, sells that
 * empty a position), trades of others moving prices, and copies funded with cash and positions,
 * paused, resumed, stopped and closed. Events reach the projector in random batches, the last batch
 * delivered twice (redelivery must change nothing). A history is drawn from a seed (shrinking a seed
 * would only draw another history, so it is off); a failure reports the seed that reproduces it.
 */
class PerformancePropertiesTest {

    private static MongoServer server;
    private static MongoClient client;
    private static int databases;

    @BeforeContainer
    static void startServer() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create(server.getConnectionString());
    }

    @AfterContainer
    static void stopServer() {
        client.close();
        server.shutdownNow();
    }

    @Property(tries = 60, shrinking = ShrinkingMode.OFF)
    void everyPublishedFigureIsWhatTheFormulasGive(@ForAll long seed) {
        MongoDatabase database = client.getDatabase("performance-" + (++databases));
        database.drop();
        Random random = new Random(seed);
        Scenario scenario = randomScenario(random);

        Clock clock = Clock.fixed(scenario.today.atTime(21, 30).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        project(database, scenario.history, scenario.listings, random);

        assertAgrees(database, scenario.history, clock);
    }

    /**
     * The ranker's incremental path (what it keeps in memory between runs: closes, each account's days
     * before today, the last figures and rows) gives what a fresh ranker gives: one ranker ranks
     * mid-history, again the same day after more events, after an account event stamped days in the
     * past and a late close of the day before, across day rollovers and at the end; each time a fresh
     * ranker ranks a second database fed the same events, and every published row must be the same.
     */
    @Property(tries = 30, shrinking = ShrinkingMode.OFF)
    void rankingIncrementallyGivesWhatAFreshRankerGives(@ForAll long seed) {
        MongoDatabase incremental = client.getDatabase("incremental-" + (++databases));
        MongoDatabase fresh = client.getDatabase("fresh-" + databases);
        incremental.drop();
        fresh.drop();
        Random random = new Random(seed);
        Scenario scenario = randomScenario(random);
        for (MongoDatabase database : List.of(incremental, fresh)) {
            InstrumentFormats formats = new InstrumentFormats(database);
            scenario.listings.forEach(formats::store);
        }
        PerformanceProjector[] projectors = {new PerformanceProjector(incremental), new PerformanceProjector(fresh)};
        MovingClock clock = new MovingClock();
        LeaderboardRanker ranker = new LeaderboardRanker(incremental, clock);
        List<EventMessage<Object>> all = scenario.history.messages;

        int cut1 = 1 + random.nextInt(all.size() - 1);
        feed(projectors, all.subList(0, cut1), random);
        LocalDate day = ReferencePerformance.dayOf(all.get(cut1 - 1).getTimestamp());
        clock.at(day.atTime(23, 59).toInstant(ZoneOffset.UTC));
        rankBoth(ranker, incremental, fresh, clock, "mid-history");

        int endOfDay = cut1;
        while (endOfDay < all.size() && !ReferencePerformance.dayOf(all.get(endOfDay).getTimestamp()).isAfter(day)) {
            endOfDay++;
        }
        int cut2 = cut1 + random.nextInt(endOfDay - cut1 + 1);
        feed(projectors, all.subList(cut1, cut2), random);
        rankBoth(ranker, incremental, fresh, clock, "more events the same day");

        if (cut2 < all.size()) {
            EventMessage<Object> next = all.get(cut2);
            LocalDate nextDay = ReferencePerformance.dayOf(next.getTimestamp());
            EventMessage<Object> stamped = next;
            if (next instanceof DomainEventMessage<?> domain && "Account".equals(domain.getType())) {
                stamped = ProjectionBatches.eventAt(domain.getType(), domain.getAggregateIdentifier(), domain.getSequenceNumber(),
                        domain.getPayload(), next.getTimestamp().minus(Duration.ofDays(2)));
            }
            TradeExecutedEvent late = lateTrade(all, nextDay.minusDays(1).atTime(22, 0).toInstant(ZoneOffset.UTC), random);
            List<EventMessage<Object>> batch = new ArrayList<>(List.of(stamped));
            if (late != null) {
                batch.add(ProjectionBatches.eventAt("OrderBook", late.symbol().value(), 1_000_000 + cut2, late, late.executedAt()));
            }
            feed(projectors, batch, random);
            clock.at(nextDay.atTime(23, 59).toInstant(ZoneOffset.UTC));
            rankBoth(ranker, incremental, fresh, clock, "an event stamped in the past and a late close");
            feed(projectors, all.subList(cut2 + 1, all.size()), random);
        }
        clock.at(scenario.today.atTime(21, 30).toInstant(ZoneOffset.UTC));
        rankBoth(ranker, incremental, fresh, clock, "the end, days later");
        clock.at(scenario.today.plusDays(1).atTime(0, 30).toInstant(ZoneOffset.UTC));
        rankBoth(ranker, incremental, fresh, clock, "after midnight");
    }

    private static void feed(PerformanceProjector[] projectors, List<EventMessage<Object>> events, Random random) {
        int at = 0;
        while (at < events.size()) {
            int size = 1 + random.nextInt(40);
            List<EventMessage<Object>> batch = events.subList(at, Math.min(events.size(), at + size));
            for (PerformanceProjector projector : projectors) {
                ProjectionBatches.inOneBatch(projector, batch);
            }
            at += size;
        }
    }

    /** A trade of one of the history's books at a moved price, executed at {@code at}; null without trades. */
    private static TradeExecutedEvent lateTrade(List<EventMessage<Object>> all, Instant at, Random random) {
        for (EventMessage<Object> message : all) {
            if (message.getPayload() instanceof TradeExecutedEvent t) {
                return new TradeExecutedEvent(t.symbol(), io.tandem.contracts.common.TradeId.of("late"),
                        io.tandem.contracts.common.Price.ofTicks(Math.max(1, t.price().ticks() + random.nextInt(200) - 100)),
                        t.quantity(), t.aggressorSide(), t.makerOrderId(), t.takerOrderId(), t.buyerAccountId(), t.buyOrderId(),
                        t.sellerAccountId(), t.sellOrderId(), t.buyerNotional(), t.buyerFee(), t.sellerNotional(), t.sellerFee(),
                        t.buyOrderFilled(), t.sellOrderFilled(), at);
            }
        }
        return null;
    }

    /** Ranks {@code fresh} with a new ranker and asserts the incremental ranker publishes the same rows. */
    private static void rankBoth(LeaderboardRanker ranker, MongoDatabase incremental, MongoDatabase fresh, Clock clock,
                                 String when) {
        assertThat(ranker.rank()).isTrue();
        assertThat(new LeaderboardRanker(fresh, Clock.fixed(clock.instant(), ZoneOffset.UTC)).rank()).isTrue();
        assertThat(published(incremental)).as(when).isEqualTo(published(fresh));
    }

    /** The current rows of the newest generation, by period and user, their figures only. */
    private static Map<String, Document> published(MongoDatabase database) {
        LeaderboardStore store = new LeaderboardStore(database);
        Map<String, Document> rows = new TreeMap<>();
        store.current(store.published()).forEach((key, row) -> {
            Document figures = new Document(row);
            figures.remove("_id");
            figures.remove(PerformanceDocuments.FROM);
            figures.remove(PerformanceDocuments.UNTIL);
            rows.put(key, figures);
        });
        return rows;
    }

    /** A clock the test moves forward. */
    private static final class MovingClock extends Clock {

        private Instant now = Instant.EPOCH;

        void at(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A random history and the day the figures are asked for. */
    record Scenario(PerformanceHistory history, List<InstrumentListedEvent> listings, LocalDate today) {
    }

    /** Lists the instruments, then runs the events through the projector in random batches and ranks. */
    static void project(MongoDatabase database, PerformanceHistory history, List<InstrumentListedEvent> listings, Random random) {
        InstrumentFormats formats = new InstrumentFormats(database);
        listings.forEach(formats::store);
        PerformanceProjector projector = new PerformanceProjector(database);
        List<EventMessage<Object>> all = history.messages;
        int at = 0;
        List<EventMessage<Object>> last = List.of();
        while (at < all.size()) {
            int size = 1 + random.nextInt(40);
            last = all.subList(at, Math.min(all.size(), at + size));
            ProjectionBatches.inOneBatch(projector, last);
            at += size;
        }
        ProjectionBatches.inOneBatch(projector, last);
    }

    /** Ranks at the clock's instant and checks every figure against the reference. */
    static void assertAgrees(MongoDatabase database, PerformanceHistory history, Clock clock) {
        LocalDate today = LocalDate.now(clock);
        new LeaderboardRanker(database, clock).rank();
        PerformanceQueryHandler queries = new PerformanceQueryHandler(database, new InstrumentFormats(database), clock);
        ReferencePerformance reference = new ReferencePerformance(history.recorded, history.specs, today);

        Map<String, ReferencePerformance.PortfolioFigures> portfolios = reference.portfolios();
        Map<String, List<ReferencePerformance.DayFigures>> histories = reference.equityHistories();
        for (AccountId account : PerformanceHistory.owners(history.recorded).keySet()) {
            PortfolioView portfolio = queries.handle(new FindPortfolioQuery(account));
            assertThat(portfolio).as("portfolio of %s", account).isNotNull();
            assertThat(figures(portfolio)).as("portfolio of %s", account).isEqualTo(portfolios.get(account.value()));

            List<ReferencePerformance.DayFigures> days = new ArrayList<>();
            for (EquityDayView day : queries.handle(new FindEquityHistoryQuery(account, null, null)).days()) {
                days.add(new ReferencePerformance.DayFigures(day.day(), day.equity(), day.netDeposits()));
            }
            assertThat(days).as("equity history of %s", account).containsExactlyElementsOf(histories.get(account.value()));
        }
        assertThat(queries.handle(new FindPortfolioQuery(AccountId.of("acc-nobody")))).isNull();

        String computedAt = clock.instant().toString();
        for (Period period : Period.values()) {
            List<ReferencePerformance.StatsFigures> expected = reference.leaderboardByReturn(period.days());
            LeaderboardPage page = queries.handle(new FindLeaderboardQuery(period, LeaderboardSort.RETURN, 50, null, null, null));
            assertThat(page.computedAt()).isEqualTo(computedAt);
            List<ReferencePerformance.StatsFigures> ranked = new ArrayList<>();
            for (LeaderboardEntryView entry : page.items()) {
                assertThat(entry.rank()).isEqualTo(ranked.size() + 1);
                assertThat(entry.stats().period()).isEqualTo(period);
                assertThat(entry.stats().computedAt()).isEqualTo(computedAt);
                ranked.add(figures(entry.stats()));
            }
            assertThat(ranked).as("%s leaderboard by RETURN", period).containsExactlyElementsOf(expected);
            assertThat(page.hasNextPage()).isFalse();
            for (ReferencePerformance.StatsFigures figures : expected) {
                TraderStatsView stats = queries.handle(new FindTraderStatsQuery(UserId.of(figures.userId()), period));
                assertThat(stats).as("%s stats of %s", period, figures.handle()).isNotNull();
                assertThat(figures(stats)).as("%s stats of %s", period, figures.handle()).isEqualTo(figures);
            }
        }
        for (String owner : PerformanceHistory.owners(history.recorded).values()) {
            if (!reference.rankedTraders().containsKey(owner)) {
                assertThat(queries.handle(new FindTraderStatsQuery(UserId.of(owner), Period.ALL)))
                        .as("stats of unranked %s", owner).isNull();
            }
        }
    }

    static ReferencePerformance.PortfolioFigures figures(PortfolioView view) {
        List<ReferencePerformance.PositionFigures> positions = new ArrayList<>();
        for (PortfolioPositionView p : view.positions()) {
            positions.add(new ReferencePerformance.PositionFigures(p.symbol(), p.quantity(), p.averagePrice(), p.lastPrice(),
                    p.marketValue(), p.realizedPnl(), p.unrealizedPnl()));
        }
        return new ReferencePerformance.PortfolioFigures(view.accountId(), view.owner(), view.cash(), view.equity(),
                view.netDeposits(), view.realizedPnl(), view.unrealizedPnl(), positions);
    }

    static ReferencePerformance.StatsFigures figures(TraderStatsView view) {
        return new ReferencePerformance.StatsFigures(view.userId(), view.handle(), view.displayName(), view.returnPercent(),
                view.maxDrawdownPercent(), view.volatilityPercent(), view.riskScore(), view.copiers(), view.assetsUnderCopy(),
                view.winRatePercent(), view.trades());
    }

    // ---- random histories ----------------------------------------------------------------------------

    private static final String[] USERS = {"ann", "bob", "cat", "dan"};

    private record LiveCopy(CopyId id, AccountId account, AccountId from, boolean paused) {
    }

    static Scenario randomScenario(Random random) {
        LocalDate firstDay = LocalDate.of(2026, 3, 1).plusDays(random.nextInt(30));
        PerformanceHistory h = new PerformanceHistory(firstDay.atStartOfDay().toInstant(ZoneOffset.UTC));
        List<InstrumentSpec> catalog = List.of(PerformanceHistory.spec("ACME", "0.01", "0.0001"),
                PerformanceHistory.spec("BOLT", "0.001", "1"), PerformanceHistory.spec("CRUX", "0.1", "0.01"));
        long[] firstTicks = {1000, 2500, 1500};
        int symbols = 1 + random.nextInt(3);
        List<InstrumentListedEvent> listings = new ArrayList<>();
        List<String> listed = new ArrayList<>();
        for (int i = 0; i < symbols; i++) {
            listings.add(h.list(catalog.get(i), firstTicks[i]));
            listed.add(catalog.get(i).symbol().value());
        }

        int users = 2 + random.nextInt(3);
        Map<String, AccountId> accounts = new LinkedHashMap<>();
        // active days: a span of a few days to a few months, some days idle
        int span = new int[]{4, 9, 40, 100}[random.nextInt(4)];
        List<LocalDate> days = new ArrayList<>();
        for (int d = 0; d < span; d++) {
            if (d == 0 || random.nextInt(span > 20 ? 6 : 3) > 0 && (span <= 20 || random.nextInt(4) == 0)) {
                days.add(firstDay.plusDays(d));
            }
        }
        Map<String, LiveCopy> copies = new TreeMap<>();
        for (LocalDate day : days) {
            h.startOf(day);
            for (String user : USERS) {
                if (accounts.size() < users && !accounts.containsKey(user) && (accounts.isEmpty() || random.nextBoolean())) {
                    AccountId account = AccountId.of("acc-" + user);
                    accounts.put(user, account);
                    h.open(account, user, AccountType.TRADING);
                    // most traders are public; some keep their account private
                    h.profile(user, user, random.nextInt(4) == 0 ? null : account);
                    if (random.nextBoolean()) {
                        h.deposit(account, 100_00 + random.nextInt(4_900_00));
                    }
                }
            }
            int actions = random.nextInt(7);
            for (int a = 0; a < actions; a++) {
                List<String> owners = new ArrayList<>(accounts.keySet());
                String user = owners.get(random.nextInt(owners.size()));
                AccountId account = accounts.get(user);
                // now and then the COPY account of one of the user's copies acts instead
                List<LiveCopy> own = copies.values().stream().filter(c -> c.from().equals(account)).toList();
                AccountId actor = !own.isEmpty() && random.nextBoolean() ? own.get(random.nextInt(own.size())).account() : account;
                String symbol = listed.get(random.nextInt(listed.size()));
                switch (random.nextInt(12)) {
                    case 0, 1 -> h.deposit(account, 1_00 + random.nextInt(3_000_00));
                    case 2 -> {
                        if (h.cash(account) > 0) {
                            h.withdraw(account, 1 + (long) (random.nextDouble() * h.cash(account)));
                        }
                    }
                    case 3 -> {
                        long signed = random.nextBoolean() ? 1 + random.nextInt(50_00) : -Math.min(h.cash(account), 1 + random.nextInt(50_00));
                        if (signed != 0) {
                            h.adjust(account, signed);
                        }
                    }
                    case 4, 5, 6 -> buy(h, random, actor, symbol);
                    case 7, 8 -> sell(h, random, actor, symbol);
                    case 9 -> h.outsideTrade(symbol, move(h, random, symbol), 1 + random.nextInt(500));
                    case 10 -> startCopy(h, random, accounts, user, copies);
                    default -> changeCopy(h, random, copies);
                }
            }
        }
        LocalDate today = h.today().plusDays(random.nextInt(3));
        return new Scenario(h, listings, today);
    }

    private static long move(PerformanceHistory h, Random random, String symbol) {
        long last = h.lastTicks(symbol);
        long moved = last + Math.round(last * (random.nextInt(121) - 60) / 1000.0);
        return Math.max(1, moved);
    }

    private static void buy(PerformanceHistory h, Random random, AccountId account, String symbol) {
        int fills = 1 + random.nextInt(2);
        long[] ticks = new long[fills];
        long[] lots = new long[fills];
        long budget = h.cash(account) * (10 + random.nextInt(60)) / 100 / fills;
        for (int i = 0; i < fills; i++) {
            ticks[i] = move(h, random, symbol);
            long oneLot = Math.max(1, h.buyCost(symbol, ticks[i], 1));
            lots[i] = budget / oneLot;
            while (lots[i] > 0 && h.buyCost(symbol, ticks[i], lots[i]) > budget) {
                lots[i]--;
            }
            if (lots[i] == 0) {
                return;
            }
        }
        h.buy(account, symbol, ticks, lots);
    }

    private static void sell(PerformanceHistory h, Random random, AccountId account, String symbol) {
        long held = h.lots(account, symbol);
        if (held == 0) {
            return;
        }
        long order = random.nextInt(3) == 0 ? held : 1 + (long) (random.nextDouble() * (held - 1));
        int fills = order > 1 && random.nextInt(3) == 0 ? 2 : 1;
        long[] ticks = new long[fills];
        long[] lots = new long[fills];
        long first = fills == 1 ? order : 1 + (long) (random.nextDouble() * (order - 1));
        for (int i = 0; i < fills; i++) {
            ticks[i] = move(h, random, symbol);
            lots[i] = i == 0 ? first : order - first;
        }
        // now and then the order's last part does not fill and is released
        if (fills == 2 && random.nextBoolean()) {
            h.sell(account, symbol, new long[]{ticks[0]}, new long[]{lots[0]}, order);
        } else {
            h.sell(account, symbol, ticks, lots, order);
        }
    }

    private static void startCopy(PerformanceHistory h, Random random, Map<String, AccountId> accounts, String copier,
                                  Map<String, LiveCopy> copies) {
        List<String> leaders = accounts.keySet().stream().filter(u -> !u.equals(copier)).toList();
        AccountId from = accounts.get(copier);
        if (leaders.isEmpty() || h.cash(from) == 0) {
            return;
        }
        String leader = leaders.get(random.nextInt(leaders.size()));
        long cents = 1 + (long) (random.nextDouble() * h.cash(from) * 0.6);
        Map<String, Long> positions = new TreeMap<>();
        h.holdings(from).forEach((symbol, n) -> {
            if (random.nextBoolean()) {
                positions.put(symbol, random.nextBoolean() ? n : 1 + (long) (random.nextDouble() * (n - 1)));
            }
        });
        CopyId copy = h.startCopy(copier, from, leader, accounts.get(leader), cents, positions);
        copies.put(copy.value(), new LiveCopy(copy, AccountId.of("acc-" + copy.value()), from, false));
    }

    private static void changeCopy(PerformanceHistory h, Random random, Map<String, LiveCopy> copies) {
        if (copies.isEmpty()) {
            return;
        }
        List<LiveCopy> live = new ArrayList<>(copies.values());
        LiveCopy copy = live.get(random.nextInt(live.size()));
        switch (random.nextInt(5)) {
            case 0 -> {
                if (copy.paused()) {
                    h.resume(copy.id());
                } else {
                    h.pause(copy.id());
                }
                copies.put(copy.id().value(), new LiveCopy(copy.id(), copy.account(), copy.from(), !copy.paused()));
            }
            case 1 -> {
                if (h.cash(copy.from()) > 0) {
                    h.transfer(copy.from(), copy.account(), 1 + (long) (random.nextDouble() * h.cash(copy.from()) / 2), Map.of());
                }
            }
            case 2 -> {
                if (h.cash(copy.account()) > 0) {
                    h.transfer(copy.account(), copy.from(), 1 + (long) (random.nextDouble() * (h.cash(copy.account()) - 1)), Map.of());
                }
            }
            default -> {
                h.stopping(copy.id());
                copies.remove(copy.id().value());
                // closing may come in a later batch, or (stuck) not at all before today
                if (random.nextInt(4) > 0) {
                    h.close(copy.id(), copy.account(), copy.from());
                }
            }
        }
    }
}
