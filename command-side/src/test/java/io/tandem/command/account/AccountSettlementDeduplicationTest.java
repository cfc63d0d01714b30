package io.tandem.command.account;

import io.tandem.contracts.account.CollectFeesCommand;
import io.tandem.contracts.account.FeesCollectedEvent;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TradeId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.tandem.command.account.AccountFixtures.*;

/**
 * Settlements and fee collections are remembered per symbol as a watermark plus the trades seen
 * above it; these tests pin down that trades arriving out of order still settle exactly once.
 */
class AccountSettlementDeduplicationTest {

    private static final TradeId TRADE_3 = TradeId.of(ACME, 3);
    private static final TradeId TRADE_4 = TradeId.of(ACME, 4);

    private FixtureConfiguration<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    @Test
    void aBuySettlementBelowOneAlreadySettledStillSettles() {
        fixture.given(opened(), deposited("adj-1", 1_100), cashReserved(1_100), buySettled(TRADE_3, 1, 100, 1))
                .when(settleBuy(TRADE, 1, 100, 1))
                .expectEvents(buySettled(TRADE, 1, 100, 1));
    }

    @Test
    void aRepeatedBuySettlementIsIgnoredOnceTheWatermarkHasPassedIt() {
        fixture.given(opened(), deposited("adj-1", 1_100), cashReserved(1_100), buySettled(TRADE_2, 1, 100, 1),
                        buySettled(TRADE, 1, 100, 1), buySettled(TRADE_3, 1, 100, 1))
                .when(settleBuy(TRADE_2, 1, 100, 1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRepeatedBuySettlementIsIgnoredWhileItWaitsAboveAGap() {
        fixture.given(opened(), deposited("adj-1", 1_100), cashReserved(1_100), buySettled(TRADE, 1, 100, 1),
                        buySettled(TRADE_3, 1, 100, 1))
                .when(settleBuy(TRADE_3, 1, 100, 1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theTradeInTheGapStillSettlesAfterLaterOnes() {
        fixture.given(opened(), deposited("adj-1", 1_100), cashReserved(1_100), buySettled(TRADE, 1, 100, 1),
                        buySettled(TRADE_4, 1, 100, 1), buySettled(TRADE_3, 1, 100, 1))
                .when(settleBuy(TRADE_2, 1, 100, 1))
                .expectEvents(buySettled(TRADE_2, 1, 100, 1));
    }

    @Test
    void aSellSettlementIsNotMistakenForABuySettlementOfTheSameTrade() {
        fixture.given(opened(), deposited("adj-1", 1_100), issued(10), buySettled(TRADE, 1, 100, 1))
                .when(settleSell(TRADE, 1, 100, 1))
                .expectEvents(sellSettled(TRADE, 1, 100, 1));
    }

    @Test
    void aRepeatedSellSettlementIsIgnoredWhileItWaitsAboveAGap() {
        fixture.given(opened(), issued(10), positionReserved(10), sellSettled(TRADE_2, 1, 100, 1))
                .when(settleSell(TRADE_2, 1, 100, 1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theSameTradeNumberOfAnotherSymbolIsADifferentTrade() {
        TradeId otherBooksFirstTrade = TradeId.of(Symbol.of("BRK.B"), 1);
        fixture.given(opened(), collected(TRADE))
                .when(new CollectFeesCommand(ACCOUNT, otherBooksFirstTrade, Cash.ofCents(5)))
                .expectEvents(new FeesCollectedEvent(ACCOUNT, otherBooksFirstTrade, Cash.ofCents(5)));
    }

    @Test
    void feesOfATradeCollectedOutOfOrderAreCollected() {
        fixture.given(opened(), collected(TRADE), collected(TRADE_3), collected(TRADE_4))
                .when(new CollectFeesCommand(ACCOUNT, TRADE_2, Cash.ofCents(5)))
                .expectEvents(collected(TRADE_2));
    }

    @Test
    void feesCollectedAgainAfterTheWatermarkPassedThemAreIgnored() {
        fixture.given(opened(), collected(TRADE_3), collected(TRADE), collected(TRADE_2))
                .when(new CollectFeesCommand(ACCOUNT, TRADE_3, Cash.ofCents(5)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void feesCollectedAgainWhileWaitingAboveAGapAreIgnored() {
        fixture.given(opened(), collected(TRADE), collected(TRADE_4))
                .when(new CollectFeesCommand(ACCOUNT, TRADE_4, Cash.ofCents(5)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    private static FeesCollectedEvent collected(TradeId trade) {
        return new FeesCollectedEvent(ACCOUNT, trade, Cash.ofCents(5));
    }
}
