package io.tandem.projection.performance;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.leaderboard.FindLeaderboardQuery;
import io.tandem.contracts.leaderboard.FindTraderStatsQuery;
import io.tandem.contracts.leaderboard.LeaderboardSort;
import io.tandem.contracts.leaderboard.Period;
import io.tandem.contracts.orderbook.InstrumentListedEvent;
import io.tandem.contracts.portfolio.FindEquityHistoryQuery;
import io.tandem.contracts.portfolio.FindPortfolioQuery;
import io.tandem.projection.performance.ReferencePerformance.DayFigures;
import io.tandem.projection.performance.ReferencePerformance.PortfolioFigures;
import io.tandem.projection.performance.ReferencePerformance.PositionFigures;
import io.tandem.projection.performance.ReferencePerformance.StatsFigures;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.MongoReadModelTest;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Worked examples with round numbers, the expected figures computed by hand (in the comments), for
 * both the performance projection and {@link ReferencePerformance} (so the reference the property
 * test trusts is itself checked against arithmetic done by hand). ACME: tick 0.01, lot 0.0001, fees
 * 0.2 % of the notional rounded up to a cent.
 */
class PerformanceWorkedExampleTest extends MongoReadModelTest {

    private static final LocalDate DAY1 = LocalDate.of(2026, 1, 5);
    private static final AccountId ANN = AccountId.of("acc-ann");
    private static final AccountId BOB = AccountId.of("acc-bob");

    private PerformanceHistory history;
    private InstrumentListedEvent acme;

    private void world() {
        history = new PerformanceHistory(DAY1.atStartOfDay().toInstant(ZoneOffset.UTC));
        acme = history.list(PerformanceHistory.spec("ACME", "0.01", "0.0001"), 1000);
    }

    private PerformanceQueryHandler project(Clock clock) {
        PerformancePropertiesTest.project(database, history, List.of(acme), new Random(1));
        new LeaderboardRanker(database, clock).rank();
        return new PerformanceQueryHandler(database, new InstrumentFormats(database), clock);
    }

    private static Clock eveningOf(LocalDate day) {
        return Clock.fixed(day.atTime(21, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    }

    /**
     * Three days of one trader:
     * <pre>
     * day 1: deposit 1000.00; buy 50 ACME at 10.00 (notional 500.00, fee 1.00): cash 499.00, close 10.00
     *        the deposit splits the day: f1 = 1 (worth 0 before it), then 1000.00 after it
     *        E = 499.00 + 50 x 10.00 = 999.00   f2 = 999 / 1000 = 0.999 = g
     *        I = 0.999                 return -0.10 %   drawdown from the start (1) 0.10 %
     * day 2: others trade ACME at 12.00
     *        E = 499.00 + 600.00 = 1099.00      F = 0        g = 1099 / 999 = 1.100100100100 (12 decimals)
     *        I = 0.999 x 1.100100100100 = 1.099000000000   return 9.90 %   new peak, drawdown 0
     * day 3: deposit 500.00; others trade ACME at 11.00
     *        the deposit comes before the trade: worth 1099.00 then (f1 = 1099 / 1099 = 1), 1599.00 after it
     *        E = 999.00 + 550.00 = 1549.00      f2 = 1549 / 1599 = 0.968730456535 = g
     *        I = 1.099 x 0.968730456535 = 1.064634771732    return 6.46 %
     *        drawdown (1.099 - 1.064634771732) / 1.099 = 3.1270 % -> maxDrawdown 3.13 %
     * daily returns -0.001, 0.1001001001, -0.031269543465: mean 0.022610185545, sample variance
     * 0.0047325765, x 365 = 1.7273904, square root 1.3143023 -> volatility 131.43 %, risk score 10.
     * One buy, no sell: trades 1, win rate null. Position: 50 at cost 501.00 (average 10.02), last
     * 11.00, market value 550.00, unrealized 49.00; equity 1549.00, net deposits 1500.00.
     * </pre>
     */
    @Test
    void threeDaysOfOneTraderWithADepositMidway() {
        world();
        history.startOf(DAY1);
        history.open(ANN, "ann", AccountType.TRADING);
        history.profile("ann", "ann", ANN);
        history.deposit(ANN, 1000_00);
        history.buy(ANN, "ACME", new long[]{1000}, new long[]{50_0000});
        history.startOf(DAY1.plusDays(1));
        history.outsideTrade("ACME", 1200, 1_0000);
        history.startOf(DAY1.plusDays(2));
        history.deposit(ANN, 500_00);
        history.outsideTrade("ACME", 1100, 1_0000);
        Clock clock = eveningOf(DAY1.plusDays(2));

        PortfolioFigures portfolio = new PortfolioFigures("acc-ann", "ann", "999.00", "1549.00", "1500.00", "0.00", "49.00",
                List.of(new PositionFigures("ACME", "50", "10.02", "11.00", "550.00", "0.00", "49.00")));
        List<DayFigures> days = List.of(new DayFigures("2026-01-05", "999.00", "1000.00"),
                new DayFigures("2026-01-06", "1099.00", "1000.00"), new DayFigures("2026-01-07", "1549.00", "1500.00"));
        StatsFigures stats = new StatsFigures("ann", "ann", "The ann", "6.46", "3.13", "131.43", 10, 0, "0.00", null, 1);

        ReferencePerformance reference = new ReferencePerformance(history.recorded, history.specs, LocalDate.now(clock));
        assertThat(reference.portfolios().get("acc-ann")).isEqualTo(portfolio);
        assertThat(reference.equityHistories().get("acc-ann")).isEqualTo(days);
        for (Period period : Period.values()) {
            assertThat(reference.leaderboardByReturn(period.days())).containsExactly(stats);
        }

        PerformanceQueryHandler queries = project(clock);
        assertThat(PerformancePropertiesTest.figures(queries.handle(new FindPortfolioQuery(ANN)))).isEqualTo(portfolio);
        assertThat(queries.handle(new FindEquityHistoryQuery(ANN, null, null)).days())
                .extracting(d -> new DayFigures(d.day(), d.equity(), d.netDeposits())).isEqualTo(days);
        assertThat(queries.handle(new FindEquityHistoryQuery(ANN, DAY1.plusDays(1), DAY1.plusDays(1))).days())
                .extracting(d -> new DayFigures(d.day(), d.equity(), d.netDeposits())).containsExactly(days.get(1));
        for (Period period : Period.values()) {
            assertThat(PerformancePropertiesTest.figures(queries.handle(new FindTraderStatsQuery(UserId.of("ann"), period))))
                    .isEqualTo(stats);
        }
        PerformancePropertiesTest.assertAgrees(database, history, clock);
    }

    /**
     * A partial sell and a copy funded with cash and a position:
     * <pre>
     * day 1: ann deposits 100.00, buys 3 ACME at 10.00 (30.00 + fee 0.06): cash 69.94, cost basis 30.06
     *        E = 69.94 + 30.00 = 99.94   F = 100.00   g = 0.9994
     *        bob deposits 50.00: E = 50.00, g = 50 / 50 = 1
     * day 2: ann sells 1 at 11.00: proceeds 11.00 - fee 0.03 (0.022 rounded up) = 10.97; the share of the
     *        cost basis is 30.06 x 1 / 3 = 10.02, so realized 0.95 (a win); cash 80.91, 2 held at 20.04.
     *        ann copies bob with 5.00 and 1 ACME (market value 11.00): her cost basis loses 20.04 x 1 / 2 = 10.02,
     *        the ACME leaves at its market value, so it realizes 11.00 - 10.02 = 0.98 more (realized 1.93, not a sell
     *        for the win rate), her net deposits 100.00 - 5.00 - 11.00 = 84.00; the COPY account holds 5.00 and 1 ACME at cost
     *        11.00, equity 16.00 (bob's assets under copy), net deposits 16.00.
     *        ann: cash 75.91, 1 ACME at cost 10.02 (market value 11.00, unrealized 0.98), equity 86.91
     *        the transfer splits ann's day: just before it she is worth 80.91 + 2 x 11.00 = 102.91, just after 86.91
     *        f1 = 102.91 / 99.94 = 1.029717830698   f2 = 86.91 / 86.91 = 1   g = 1.029717830698
     *        I = 0.9994 x 1.029717830698 = 1.029100000000: return 2.91 %, drawdown 0.06 % (day 1)
     *        returns -0.0006 and 0.029717830698: sample sd 0.021437..., x sqrt(365) = 40.96 %, risk 8
     *        bob: two days at g = 1: return 0.00, drawdown 0.00, volatility 0.00 (risk 1), 1 copier, 16.00
     * ranking by RETURN: ann (2.91) before bob (0.00).
     * </pre>
     */
    @Test
    void aPartialSellRealizesItsShareAndACopyIsFundedWithCashAndAPosition() {
        world();
        history.startOf(DAY1);
        history.open(ANN, "ann", AccountType.TRADING);
        history.profile("ann", "ann", ANN);
        history.deposit(ANN, 100_00);
        history.buy(ANN, "ACME", new long[]{1000}, new long[]{3_0000});
        history.open(BOB, "bob", AccountType.TRADING);
        history.profile("bob", "bob", BOB);
        history.deposit(BOB, 50_00);
        history.startOf(DAY1.plusDays(1));
        history.sell(ANN, "ACME", new long[]{1100}, new long[]{1_0000}, 1_0000);
        var copy = history.startCopy("ann", ANN, "bob", BOB, 5_00, Map.of("ACME", 1_0000L));
        String copyAccount = "acc-" + copy.value();
        Clock clock = eveningOf(DAY1.plusDays(1));

        ReferencePerformance reference = new ReferencePerformance(history.recorded, history.specs, LocalDate.now(clock));
        PortfolioFigures annPortfolio = new PortfolioFigures("acc-ann", "ann", "75.91", "86.91", "84.00", "1.93", "0.98",
                List.of(new PositionFigures("ACME", "1", "10.02", "11.00", "11.00", "1.93", "0.98")));
        PortfolioFigures copyPortfolio = new PortfolioFigures(copyAccount, "ann", "5.00", "16.00", "16.00", "0.00", "0.00",
                List.of(new PositionFigures("ACME", "1", "11.00", "11.00", "11.00", "0.00", "0.00")));
        StatsFigures ann = new StatsFigures("ann", "ann", "The ann", "2.91", "0.06", "40.96", 8, 0, "0.00", "100.00", 2);
        StatsFigures bob = new StatsFigures("bob", "bob", "The bob", "0.00", "0.00", "0.00", 1, 1, "16.00", null, 0);
        assertThat(reference.portfolios().get("acc-ann")).isEqualTo(annPortfolio);
        assertThat(reference.portfolios().get(copyAccount)).isEqualTo(copyPortfolio);
        assertThat(reference.leaderboardByReturn(Period.D7.days())).containsExactly(ann, bob);

        PerformanceQueryHandler queries = project(clock);
        assertThat(PerformancePropertiesTest.figures(queries.handle(new FindPortfolioQuery(ANN)))).isEqualTo(annPortfolio);
        assertThat(PerformancePropertiesTest.figures(queries.handle(new FindPortfolioQuery(AccountId.of(copyAccount)))))
                .isEqualTo(copyPortfolio);
        assertThat(queries.handle(new FindLeaderboardQuery(Period.D30, LeaderboardSort.RETURN, 10, null, null, null)).items())
                .extracting(e -> PerformancePropertiesTest.figures(e.stats())).containsExactly(ann, bob);
        PerformancePropertiesTest.assertAgrees(database, history, clock);
    }

    /**
     * A trader whose account opened today has a single day: return and drawdown 0.00 (g = 100 / (0 + 100) = 1),
     * volatility and risk score null (below two days), win rate null (no sells). A profile without a public
     * account is not ranked: no stats, not on the leaderboard.
     */
    @Test
    void aOneDayTraderHasNoVolatilityAndAPrivateTraderIsNotRanked() {
        world();
        history.startOf(DAY1);
        history.open(ANN, "ann", AccountType.TRADING);
        history.profile("ann", "ann", ANN);
        history.deposit(ANN, 100_00);
        history.open(BOB, "bob", AccountType.TRADING);
        history.profile("bob", "bob", null);
        history.deposit(BOB, 70_00);
        Clock clock = eveningOf(DAY1);

        StatsFigures ann = new StatsFigures("ann", "ann", "The ann", "0.00", "0.00", null, null, 0, "0.00", null, 0);
        ReferencePerformance reference = new ReferencePerformance(history.recorded, history.specs, LocalDate.now(clock));
        assertThat(reference.leaderboardByReturn(0)).containsExactly(ann);

        PerformanceQueryHandler queries = project(clock);
        assertThat(queries.handle(new FindLeaderboardQuery(Period.ALL, LeaderboardSort.RETURN, 10, null, null, null)).items())
                .extracting(e -> PerformancePropertiesTest.figures(e.stats())).containsExactly(ann);
        assertThat(queries.handle(new FindTraderStatsQuery(UserId.of("bob"), Period.D7))).isNull();
        assertThat(queries.handle(new FindEquityHistoryQuery(BOB, null, null)).days())
                .extracting(d -> new DayFigures(d.day(), d.equity(), d.netDeposits()))
                .containsExactly(new DayFigures("2026-01-05", "70.00", "70.00"));
        PerformancePropertiesTest.assertAgrees(database, history, clock);
    }

    /**
     * Flows cannot game the return: each splits its day at what the account is worth just then.
     * <pre>
     * day 1 (both): deposit 1000.00; buy 50 ACME at 10.00 (fee 1.00): E = 999.00, g = 0.999
     * day 2, ann: sells the 50 at 10.20 (510.00 - fee 1.02): cash 1007.98, then withdraws 998.99: E = 8.99
     *        f1 = 1007.98 / 999.00 = 1.008988988989   f2 = 8.99 / 8.99 = 1
     *        I = 0.999 x 1.008988988989 = 1.00798: return 0.80 %
     *        (start-of-day flows would give 8.99 / (999.00 - 998.99) = 899, I = 898.101: 89,710.10 %)
     * day 2, bob: others trade ACME at 8.00 (worth 499.00 + 400.00 = 899.00), then he deposits 9000.00: E = 9899.00
     *        f1 = 899 / 999 = 0.899899899900   f2 = 9899 / 9899 = 1
     *        I = 0.999 x 0.8998998999 = 0.899: return -10.10 %
     *        (start-of-day flows would dilute it to 9899 / 9999: I = 0.989009000900, -1.10 %)
     * </pre>
     */
    @Test
    void aWithdrawalAfterAGainOrADepositAfterALossDoesNotMoveTheReturn() {
        world();
        history.startOf(DAY1);
        history.open(ANN, "ann", AccountType.TRADING);
        history.profile("ann", "ann", ANN);
        history.deposit(ANN, 1000_00);
        history.buy(ANN, "ACME", new long[]{1000}, new long[]{50_0000});
        history.open(BOB, "bob", AccountType.TRADING);
        history.profile("bob", "bob", BOB);
        history.deposit(BOB, 1000_00);
        history.buy(BOB, "ACME", new long[]{1000}, new long[]{50_0000});
        history.startOf(DAY1.plusDays(1));
        history.sell(ANN, "ACME", new long[]{1020}, new long[]{50_0000}, 50_0000);
        history.withdraw(ANN, 998_99);
        history.outsideTrade("ACME", 800, 1_0000);
        history.deposit(BOB, 9000_00);
        Clock clock = eveningOf(DAY1.plusDays(1));

        ReferencePerformance reference = new ReferencePerformance(history.recorded, history.specs, LocalDate.now(clock));
        assertThat(reference.leaderboardByReturn(Period.ALL.days())).extracting(StatsFigures::handle, StatsFigures::returnPercent)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ann", "0.80"), org.assertj.core.groups.Tuple.tuple("bob", "-10.10"));

        PerformanceQueryHandler queries = project(clock);
        assertThat(queries.handle(new FindTraderStatsQuery(UserId.of("ann"), Period.D7)).returnPercent()).isEqualTo("0.80");
        assertThat(queries.handle(new FindTraderStatsQuery(UserId.of("bob"), Period.D7)).returnPercent()).isEqualTo("-10.10");
        assertThat(queries.handle(new FindEquityHistoryQuery(ANN, null, null)).days()).extracting(d -> d.equity())
                .containsExactly("999.00", "8.99");
        PerformancePropertiesTest.assertAgrees(database, history, clock);
    }
}
