package io.tandem.projection.performance;

import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.copy.CopyClosedEvent;
import io.tandem.contracts.copy.CopyId;
import io.tandem.contracts.copy.CopyPausedEvent;
import io.tandem.contracts.copy.CopyStoppingEvent;
import io.tandem.contracts.copy.CopyStopReason;
import io.tandem.contracts.leaderboard.FindLeaderboardQuery;
import io.tandem.contracts.leaderboard.FindTraderStatsQuery;
import io.tandem.contracts.leaderboard.LeaderboardEntryView;
import io.tandem.contracts.leaderboard.LeaderboardPage;
import io.tandem.contracts.leaderboard.LeaderboardSort;
import io.tandem.contracts.leaderboard.Period;
import io.tandem.contracts.leaderboard.TraderStatsView;
import io.tandem.contracts.common.Cash;
import io.tandem.projection.support.Cursors;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.MongoReadModelTest;
import io.tandem.projection.support.ReadModelCollections;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import static io.tandem.projection.performance.PerformanceWorld.*;
import static io.tandem.projection.support.ProjectionBatches.oneByOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Four ranked traders who each put a part of 1,000.00 into ACME at 10.00 on day 1, which closes at
 * 12.00 on day 2: alice 50 (return 10.00, volatility 135.09, risk 10), bob and erin 10 (return 2.00, volatility 27.02,
 * risk 7), carol nothing (0.00, risk 1); dave has a profile but no public account. carol has two live
 * copies (one paused) holding 300.00 and 200.00, plus a closed one; bob a stopping one.
 */
class LeaderboardTest extends MongoReadModelTest {

    private static final LocalDate D2 = D1.plusDays(1);

    private PerformanceWorld world;

    @BeforeEach
    void traders() {
        PerformanceWorld.listAcme(database);
        world = new PerformanceWorld().trade("10.00", at(D1, 8));
        trader("alice", "50", "500.00");
        trader("bob", "10", "100.00");
        trader("carol", null, null);
        trader("erin", "10", "100.00");
        world.profile("u-dave", "dave", null, at(D1, 8))
                .trade("12.00", at(D2, 10))
                .sell("acc-bob", "5", "60.00", "0.00", at(D2, 11))
                .open("copy-1", "u-x", AccountType.COPY, at(D1, 9)).transferIn("copy-1", "x", "300.00", null, at(D1, 9))
                .open("copy-2", "u-y", AccountType.COPY, at(D1, 9)).transferIn("copy-2", "y", "200.00", null, at(D1, 9))
                .open("copy-3", "u-z", AccountType.COPY, at(D1, 9)).transferIn("copy-3", "z", "900.00", null, at(D1, 9))
                .copy("c-1", "u-x", "u-carol", "copy-1", at(D1, 9))
                .copy("c-2", "u-y", "u-carol", "copy-2", at(D1, 9), new CopyPausedEvent(CopyId.of("c-2"), at(D1, 9)))
                .copy("c-3", "u-z", "u-carol", "copy-3", at(D1, 9),
                        new CopyStoppingEvent(CopyId.of("c-3"), CopyStopReason.BY_COPIER, null, null, at(D1, 9)),
                        new CopyClosedEvent(CopyId.of("c-3"), CopyStopReason.BY_COPIER, "tr", Cash.ZERO, List.of(), at(D1, 9)))
                .copy("c-4", "u-z", "u-bob", "copy-3", at(D1, 9),
                        new CopyStoppingEvent(CopyId.of("c-4"), CopyStopReason.BY_COPIER, null, null, at(D1, 9)));
        oneByOne(new PerformanceProjector(database), world.events());
    }

    private void trader(String name, String quantity, String notional) {
        String account = "acc-" + name;
        world.open(account, "u-" + name, AccountType.TRADING, at(D1, 9))
                .deposit(account, "1000.00", at(D1, 9))
                .profile("u-" + name, name, account, at(D1, 9));
        if (quantity != null) {
            world.buy(account, quantity, notional, "0.00", at(D1, 10));
        }
    }

    private PerformanceQueryHandler queries(Clock clock) {
        return new PerformanceQueryHandler(database, new InstrumentFormats(database), clock);
    }

    private LeaderboardPage page(Period period, LeaderboardSort sort, int first, String after, Integer minCopiers, Integer maxRisk) {
        return queries(clockAt(D2, 23)).handle(new FindLeaderboardQuery(period, sort, first, after, minCopiers, maxRisk));
    }

    private static List<String> handles(LeaderboardPage page) {
        return page.items().stream().map(entry -> entry.stats().handle()).toList();
    }

    private void rankAt(LocalDate day) {
        new LeaderboardRanker(database, clockAt(day, 20)).rank();
    }

    @Test
    void beforeTheFirstRankingThePageIsEmptyWithoutComputedAt() {
        LeaderboardPage page = page(Period.D7, null, 10, null, null, null);

        assertThat(page.items()).isEmpty();
        assertThat(page.computedAt()).isNull();
        assertThat(page.hasNextPage()).isFalse();
    }

    @Test
    void theFiguresFollowTheFormulasForEveryPeriod() {
        rankAt(D2);

        for (Period period : Period.values()) {
            TraderStatsView alice = queries(clockAt(D2, 23)).handle(new FindTraderStatsQuery(UserId.of("u-alice"), period));
            assertThat(alice.returnPercent()).as(period.name()).isEqualTo("10.00");
            assertThat(alice.maxDrawdownPercent()).isEqualTo("0.00");
            assertThat(alice.volatilityPercent()).isEqualTo("135.09");
            assertThat(alice.riskScore()).isEqualTo(10);
            assertThat(alice.winRatePercent()).isNull();
            assertThat(alice.trades()).isEqualTo(1);
            assertThat(alice.period()).isEqualTo(period);
            assertThat(alice.handle()).isEqualTo("alice");
            assertThat(alice.displayName()).isEqualTo("ALICE");
            assertThat(alice.computedAt()).isEqualTo(at(D2, 20).toString());
        }
        TraderStatsView bob = queries(clockAt(D2, 23)).handle(new FindTraderStatsQuery(UserId.of("u-bob"), Period.D30));
        assertThat(bob.returnPercent()).isEqualTo("2.00");
        assertThat(bob.volatilityPercent()).isEqualTo("27.02");
        assertThat(bob.riskScore()).isEqualTo(7);
        assertThat(bob.winRatePercent()).as("a sell of 5 bought at 10.00 for 12.00").isEqualTo("100.00");
        assertThat(bob.trades()).isEqualTo(2);
        assertThat(bob.copiers()).as("a stopping copy is not live").isZero();
        TraderStatsView carol = queries(clockAt(D2, 23)).handle(new FindTraderStatsQuery(UserId.of("u-carol"), Period.ALL));
        assertThat(carol.copiers()).isEqualTo(2);
        assertThat(carol.assetsUnderCopy()).isEqualTo("500.00");
        assertThat(carol.riskScore()).isEqualTo(1);
        assertThat(queries(clockAt(D2, 23)).handle(new FindTraderStatsQuery(UserId.of("u-dave"), Period.ALL)))
                .as("no public account: not ranked").isNull();
    }

    @Test
    void aShortWindowOnlySeesItsOwnDaysWhileAllKeepsEveryDay() {
        rankAt(D1.plusDays(9));

        PerformanceQueryHandler queries = queries(clockAt(D1.plusDays(9), 23));
        TraderStatsView week = queries.handle(new FindTraderStatsQuery(UserId.of("u-alice"), Period.D7));
        TraderStatsView all = queries.handle(new FindTraderStatsQuery(UserId.of("u-alice"), Period.ALL));
        TraderStatsView month = queries.handle(new FindTraderStatsQuery(UserId.of("u-bob"), Period.D30));

        assertThat(week.returnPercent()).isEqualTo("0.00");
        assertThat(week.volatilityPercent()).isEqualTo("0.00");
        assertThat(week.riskScore()).isEqualTo(1);
        assertThat(week.trades()).isZero();
        assertThat(all.returnPercent()).isEqualTo("10.00");
        assertThat(month.trades()).isEqualTo(2);
    }

    @Test
    void sortsPutHighestOrLowestFirstWithTiesByHandle() {
        rankAt(D2);

        assertThat(handles(page(Period.D7, null, 10, null, null, null))).containsExactly("alice", "bob", "erin", "carol");
        assertThat(handles(page(Period.D7, LeaderboardSort.RISK_SCORE, 10, null, null, null)))
                .containsExactly("carol", "bob", "erin", "alice");
        assertThat(handles(page(Period.D7, LeaderboardSort.COPIERS, 10, null, null, null)))
                .containsExactly("carol", "alice", "bob", "erin");
        assertThat(handles(page(Period.D7, LeaderboardSort.ASSETS_UNDER_COPY, 10, null, null, null)))
                .containsExactly("carol", "alice", "bob", "erin");
        assertThat(handles(page(Period.D7, LeaderboardSort.WIN_RATE, 10, null, null, null)))
                .as("no win rate comes last").containsExactly("bob", "alice", "carol", "erin");
        assertThat(handles(page(Period.D7, LeaderboardSort.TRADES, 10, null, null, null)))
                .containsExactly("bob", "alice", "erin", "carol");
        assertThat(handles(page(Period.D7, LeaderboardSort.MAX_DRAWDOWN, 10, null, null, null)))
                .containsExactly("alice", "bob", "carol", "erin");
        assertThat(page(Period.D7, null, 10, null, null, null).items()).extracting(LeaderboardEntryView::rank)
                .containsExactly(1, 2, 3, 4);
    }

    @Test
    void filtersApplyBeforeRanking() {
        rankAt(D2);

        LeaderboardPage copied = page(Period.D30, null, 10, null, 1, null);
        assertThat(handles(copied)).containsExactly("carol");
        assertThat(copied.items().get(0).rank()).isEqualTo(1);

        LeaderboardPage calm = page(Period.D30, null, 10, null, null, 8);
        assertThat(handles(calm)).containsExactly("bob", "erin", "carol");
        assertThat(calm.items()).extracting(LeaderboardEntryView::rank).containsExactly(1, 2, 3);
        assertThat(handles(page(Period.D30, null, 10, null, 1, 0))).isEmpty();
    }

    @Test
    void pagesFollowEachOtherThroughTheirCursorsWithRanksCarryingOn() {
        rankAt(D2);

        LeaderboardPage first = page(Period.ALL, null, 2, null, null, null);
        LeaderboardPage second = page(Period.ALL, null, 2, first.items().get(1).cursor(), null, null);

        assertThat(handles(first)).containsExactly("alice", "bob");
        assertThat(first.hasNextPage()).isTrue();
        assertThat(handles(second)).containsExactly("erin", "carol");
        assertThat(second.items()).extracting(LeaderboardEntryView::rank).containsExactly(3, 4);
        assertThat(second.hasNextPage()).isFalse();
        assertThat(second.computedAt()).isEqualTo(at(D2, 20).toString());

        LeaderboardPage filtered = page(Period.ALL, null, 1, null, null, 8);
        LeaderboardPage filteredNext = page(Period.ALL, null, 1, filtered.items().get(0).cursor(), null, 8);
        assertThat(handles(filteredNext)).containsExactly("erin");
        assertThat(filteredNext.items().get(0).rank()).isEqualTo(2);
        assertThat(filteredNext.hasNextPage()).isTrue();
    }

    @Test
    void cursorsThatAreNotOursOrOfAnotherOrderAreMalformed() {
        rankAt(D2);
        String byReturn = page(Period.D7, null, 1, null, null, null).items().get(0).cursor();

        for (String bad : List.of("!!!", Cursors.encode("nonsense"), Cursors.encode("lb1\u0001D7\u0001RETURN\u0001x\u0001a\u0001u"))) {
            assertThatThrownBy(() -> page(Period.D7, null, 1, bad, null, null)).isInstanceOfSatisfying(TandemException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST));
        }
        assertThatThrownBy(() -> page(Period.D7, LeaderboardSort.TRADES, 1, byReturn, null, null))
                .isInstanceOfSatisfying(TandemException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST));
        assertThatThrownBy(() -> page(Period.D30, null, 1, byReturn, null, null))
                .isInstanceOfSatisfying(TandemException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST));
    }

    @Test
    void aNewRankingReplacesThePreviousOneForQueriesAlreadyHoldingIt() {
        rankAt(D2);
        PerformanceQueryHandler queries = queries(clockAt(D2, 23));
        assertThat(handles(queries.handle(new FindLeaderboardQuery(Period.D7, null, 10, null, null, null)))).hasSize(4);

        new PerformanceProjector(database).on(new io.tandem.contracts.profile.TraderProfileSetEvent(UserId.of("u-erin"), "erin",
                null, "Erin", "", false, null, at(D2, 12)), 1);
        LeaderboardRanker ranker = new LeaderboardRanker(database, clockAt(D2, 21));
        ranker.rank();
        ranker.rank();

        LeaderboardPage page = queries.handle(new FindLeaderboardQuery(Period.D7, null, 10, null, null, null));
        assertThat(handles(page)).containsExactly("alice", "bob", "carol");
        assertThat(page.computedAt()).isEqualTo(at(D2, 21).toString());
        assertThat(database.getCollection(ReadModelCollections.LEADERBOARD).countDocuments(
                com.mongodb.client.model.Filters.eq(PerformanceDocuments.UNTIL, null))).as("current rows").isEqualTo(3 * Period.values().length);
        assertThat(queries.handle(new FindTraderStatsQuery(UserId.of("u-erin"), Period.D7))).isNull();
    }
}
