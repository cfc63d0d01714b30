package io.tandem.projection.performance;

import com.mongodb.client.MongoDatabase;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.portfolio.EquityDayView;
import io.tandem.contracts.portfolio.FindEquityHistoryQuery;
import io.tandem.contracts.portfolio.FindPortfolioQuery;
import io.tandem.contracts.portfolio.PortfolioPositionView;
import io.tandem.contracts.portfolio.PortfolioView;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.MongoReadModelTest;
import io.tandem.projection.support.StreamGapException;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.tandem.projection.performance.PerformanceWorld.*;
import static io.tandem.projection.support.ProjectionBatches.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PerformanceProjectorTest extends MongoReadModelTest {

    private static final LocalDate D2 = D1.plusDays(1);
    private static final LocalDate D3 = D1.plusDays(2);
    private static final LocalDate D4 = D1.plusDays(3);

    @BeforeEach
    void listAcme() {
        PerformanceWorld.listAcme(database);
    }

    private PerformanceQueryHandler queries(MongoDatabase database, LocalDate today) {
        return new PerformanceQueryHandler(database, new InstrumentFormats(database), clockAt(today, 23));
    }

    private PortfolioView portfolio(String accountId, LocalDate today) {
        return queries(database, today).handle(new FindPortfolioQuery(AccountId.of(accountId)));
    }

    private List<EquityDayView> history(String accountId, LocalDate from, LocalDate to, LocalDate today) {
        return queries(database, today).handle(new FindEquityHistoryQuery(AccountId.of(accountId), from, to)).days();
    }

    /** Buys of 10 at 10.00 and 5 at 12.00 (fees in the cost), a trade at 13.00, then a sell of 4 at 13.00. */
    private static PerformanceWorld partialSell() {
        return new PerformanceWorld()
                .open("alice", "u-alice", AccountType.TRADING, at(D1, 9))
                .deposit("alice", "1000.00", at(D1, 9))
                .reserve("alice", "200.00", at(D1, 9))
                .buy("alice", "10", "100.00", "0.20", at(D1, 10))
                .buy("alice", "5", "60.00", "0.12", at(D1, 10))
                .trade("13.00", at(D1, 11))
                .sell("alice", "4", "52.00", "0.10", at(D1, 12));
    }

    @Test
    void aPartialSellTakesItsShareOfTheCostBasisFeesIncludedAndRealizesTheRest() {
        oneByOne(new PerformanceProjector(database), partialSell().events());

        PortfolioView view = portfolio("alice", D1);

        // cost 100.20 + 60.12 = 160.32 for 15; the sell of 4 takes 160.32 x 4 / 15 = 42.752 -> 42.75 and realizes 51.90 - 42.75
        assertThat(view.owner()).isEqualTo("u-alice");
        assertThat(view.cash()).isEqualTo("891.58");
        assertThat(view.realizedPnl()).isEqualTo("9.15");
        assertThat(view.positions()).containsExactly(
                new PortfolioPositionView("ACME", "11", "10.69", "13.00", "143.00", "9.15", "25.43"));
        assertThat(view.unrealizedPnl()).isEqualTo("25.43");
        assertThat(view.equity()).isEqualTo("1034.58");
        assertThat(view.netDeposits()).isEqualTo("1000.00");
    }

    @Test
    void aSellThatEmptiesThePositionTakesAllOfItsCostAndTheClosedPositionIsNotListed() {
        PerformanceWorld world = partialSell().sell("alice", "11", "143.00", "0.29", at(D1, 13));
        oneByOne(new PerformanceProjector(database), world.events());

        PortfolioView view = portfolio("alice", D1);

        // the remaining cost 117.57 leaves whole: 142.71 - 117.57 = 25.14 realized on top of 9.15
        assertThat(view.positions()).isEmpty();
        assertThat(view.realizedPnl()).isEqualTo("34.29");
        assertThat(view.unrealizedPnl()).isEqualTo("0.00");
        assertThat(view.cash()).isEqualTo("1034.29");
        assertThat(view.equity()).isEqualTo("1034.29");
    }

    @Test
    void positionsTransferredInEnterAtTheirMarketValueAndATransferOutTakesItsShareAtMarketValue() {
        PerformanceWorld world = new PerformanceWorld()
                .trade("13.00", at(D1, 8))
                .open("copy-1", "u-bob", AccountType.COPY, at(D1, 9))
                .transferIn("copy-1", "bob", "500.00", "2", at(D1, 9))
                .trade("14.00", at(D1, 10))
                .transferOut("copy-1", "bob", "100.00", "1", at(D1, 11));
        oneByOne(new PerformanceProjector(database), world.events());

        PortfolioView view = portfolio("copy-1", D1);

        // in: 500.00 + 2 x 13.00 = 526.00; out: 100.00 + 1 x 14.00, taking 26.00 x 1 / 2 of the cost and realizing 1.00
        assertThat(view.netDeposits()).isEqualTo("412.00");
        assertThat(view.cash()).isEqualTo("400.00");
        assertThat(view.positions()).containsExactly(
                new PortfolioPositionView("ACME", "1", "13.00", "14.00", "14.00", "1.00", "1.00"));
        assertThat(view.realizedPnl()).isEqualTo("1.00");
        assertThat(view.equity()).isEqualTo("414.00");
    }

    @Test
    void aPositionBeforeItsSymbolsFirstTradeIsWorthNothingAndHasNoLastPrice() {
        PerformanceWorld world = new PerformanceWorld()
                .open("copy-1", "u-bob", AccountType.COPY, at(D1, 9))
                .transferIn("copy-1", "bob", "10.00", "2", at(D1, 9));
        oneByOne(new PerformanceProjector(database), world.events());

        PortfolioView view = portfolio("copy-1", D1);

        assertThat(view.positions()).containsExactly(new PortfolioPositionView("ACME", "2", "0.00", null, "0.00", "0.00", "0.00"));
        assertThat(view.equity()).isEqualTo("10.00");
        assertThat(view.netDeposits()).isEqualTo("10.00");
    }

    @Test
    void anUnknownAccountHasNoPortfolioAndNoHistory() {
        assertThat(portfolio("nobody", D1)).isNull();
        assertThat(history("nobody", null, null, D1)).isEmpty();
    }

    /** Day 1: 1,000.00 in, 10 bought at 10.00, close 10.00; day 2 closes at 11.00; day 3 nothing; day 4 200.00 in, close 9.00. */
    private static PerformanceWorld fourDays() {
        return new PerformanceWorld()
                .open("alice", "u-alice", AccountType.TRADING, at(D1, 9))
                .deposit("alice", "1000.00", at(D1, 9))
                .buy("alice", "10", "100.00", "0.00", at(D1, 10))
                .trade("10.00", at(D1, 10))
                .trade("11.00", at(D2, 10))
                .deposit("alice", "200.00", at(D4, 9))
                .withdraw("alice", "50.00", at(D4, 9))
                .deposit("alice", "50.00", at(D4, 9))
                .trade("9.50", at(D4, 10))
                .trade("9.00", at(D4, 16));
    }

    @Test
    void theDailySeriesValuesEachDayAtItsCloseCarryingHoldingsAndPricesForward() {
        oneByOne(new PerformanceProjector(database), fourDays().events());

        assertThat(history("alice", null, null, D4)).containsExactly(
                new EquityDayView(D1.toString(), "1000.00", "1000.00"),
                new EquityDayView(D2.toString(), "1010.00", "1000.00"),
                new EquityDayView(D3.toString(), "1010.00", "1000.00"),
                new EquityDayView(D4.toString(), "1190.00", "1200.00"));
        assertThat(portfolio("alice", D4).equity()).as("today at last prices").isEqualTo("1190.00");
    }

    @Test
    void theSeriesRunsFromFromToToWithinTheAccountsDaysAndToday() {
        oneByOne(new PerformanceProjector(database), fourDays().events());

        assertThat(history("alice", D2, D3, D4)).extracting(EquityDayView::day).containsExactly(D2.toString(), D3.toString());
        assertThat(history("alice", D1.minusDays(5), D2, D4)).extracting(EquityDayView::day)
                .containsExactly(D1.toString(), D2.toString());
        assertThat(history("alice", D3, D4.plusDays(10), D4)).extracting(EquityDayView::equity).containsExactly("1010.00", "1190.00");
        assertThat(history("alice", null, null, D4.plusDays(2))).extracting(EquityDayView::equity)
                .containsExactly("1000.00", "1010.00", "1010.00", "1190.00", "1190.00", "1190.00");
        assertThat(history("alice", D1.minusDays(10), D1.minusDays(1), D4)).isEmpty();
    }

    @Test
    void aSeriesThatIsBackwardsOrLongerThanTheLimitIsMalformed() {
        oneByOne(new PerformanceProjector(database), fourDays().events());

        assertThatThrownBy(() -> history("alice", D3, D2, D4)).isInstanceOfSatisfying(TandemException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST));
        assertThatThrownBy(() -> history("alice", D1, D1.plusDays(FindEquityHistoryQuery.MAX_DAYS), D4))
                .isInstanceOfSatisfying(TandemException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST));
        assertThat(history("alice", D1, D1.plusDays(FindEquityHistoryQuery.MAX_DAYS - 1), D4)).hasSize(4);
    }

    @Test
    void batchesRedeliveriesAndOneByOneEndWithTheSameDocuments() {
        List<EventMessage<Object>> events = partialSell().sell("alice", "11", "143.00", "0.29", at(D1, 13))
                .trade("13.00", at(D2, 9))
                .open("copy-1", "u-bob", AccountType.COPY, at(D2, 9))
                .transferIn("copy-1", "bob", "500.00", "2", at(D2, 9))
                .trade("14.00", at(D2, 10))
                .transferOut("copy-1", "bob", "100.00", "1", at(D3, 11))
                .profile("u-bob", "bob", "copy-1", at(D3, 11))
                .copy("c-1", "u-carol", "u-bob", "copy-9", at(D3, 12))
                .events();
        int half = events.size() / 2;

        MongoDatabase reference = emptyDatabase("performance-one-by-one");
        PerformanceWorld.listAcme(reference);
        oneByOne(new PerformanceProjector(reference), events);

        PerformanceProjector batched = new PerformanceProjector(database);
        inOneBatch(batched, events.subList(0, half));
        List<EventMessage<Object>> redelivered = new ArrayList<>(events.subList(half - 3, events.size()));
        redelivered.add(3, events.get(half)); // delivered twice within the batch too
        inOneBatch(batched, redelivered);
        oneByOne(batched, events.subList(0, 4));

        assertThat(contents(database)).isEqualTo(contents(reference));
        assertThat(portfolio("copy-1", D3).equity()).isEqualTo("414.00");
    }

    @Test
    void aMissingAccountEventStopsTheProjectionInsteadOfBeingSkipped() {
        List<EventMessage<Object>> events = partialSell().events();
        PerformanceProjector projector = new PerformanceProjector(database);
        List<EventMessage<Object>> withGap = new ArrayList<>(events);
        withGap.remove(3); // the first buy

        assertThatThrownBy(() -> inOneBatch(projector, withGap)).hasRootCauseInstanceOf(StreamGapException.class);
        assertThat(portfolio("alice", D1)).isNull();
    }

    @Test
    void theResetHandlerClearsEveryCollection() {
        PerformanceProjector projector = new PerformanceProjector(database);
        oneByOne(projector, fourDays().events());

        projector.reset();
        oneByOne(projector, fourDays().events());

        assertThat(history("alice", null, null, D4)).hasSize(4);
    }
}
