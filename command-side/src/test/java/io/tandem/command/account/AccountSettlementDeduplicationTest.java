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

import java.util.Arrays;
import java.util.List;

import static io.tandem.command.account.AccountFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settlements and fee collections are remembered per symbol as the highest trade sequence handled
 * (settlement delivers each book's trades in order): a trade at or below it is a repeat and moves
 * nothing, a later one settles however far above it is, and the state is one number per symbol.
 */
class AccountSettlementDeduplicationTest {

    private static final TradeId TRADE_3 = TradeId.of(ACME, 3);
    private static final TradeId TRADE_7 = TradeId.of(ACME, 7);

    private FixtureConfiguration<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    @Test
    void aRepeatedBuySettlementIsIgnored() {
        fixture.given(opened(), deposited("adj-1", 1_100), cashReserved(1_100), buySettled(TRADE_3, 1, 100, 1))
                .when(settleBuy(TRADE_3, 1, 100, 1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aBuySettlementBelowTheWatermarkIsARepeat() {
        fixture.given(opened(), deposited("adj-1", 1_100), cashReserved(1_100), buySettled(TRADE_3, 1, 100, 1))
                .when(settleBuy(TRADE_2, 1, 100, 1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aLaterTradeSettlesWhateverTheGapBelowIt() {
        fixture.given(opened(), deposited("adj-1", 1_100), cashReserved(1_100), buySettled(TRADE_3, 1, 100, 1))
                .when(settleBuy(TRADE_7, 1, 100, 1))
                .expectEvents(buySettled(TRADE_7, 1, 100, 1));
    }

    @Test
    void aSellSettlementIsNotMistakenForABuySettlementOfTheSameTrade() {
        fixture.given(opened(), issued(10), positionReserved(2), buySettled(TRADE_3, 1, 100, 1))
                .when(settleSell(TRADE_3, 1, 100, 1))
                .expectEvents(sellSettled(TRADE_3, 1, 100, 1));
    }

    @Test
    void aRepeatedSellSettlementIsIgnored() {
        fixture.given(opened(), issued(10), positionReserved(2), sellSettled(TRADE_7, 1, 100, 1))
                .when(settleSell(TRADE_3, 1, 100, 1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theSameTradeNumberOfAnotherSymbolIsADifferentTrade() {
        TradeId other = TradeId.of(Symbol.of("OTHER"), 3);
        fixture.given(opened(), deposited("adj-1", 1_100), cashReserved(1_100), buySettled(TRADE_7, 1, 100, 1))
                .when(settleBuy(other, 1, 100, 1))
                .expectEvents(buySettled(other, 1, 100, 1));
    }

    private static List<Cash> cents(long... amounts) {
        return Arrays.stream(amounts).mapToObj(Cash::ofCents).toList();
    }

    @Test
    void aRunOfFeesIsCollectedAsTheSumOfItsTrades() {
        fixture.given(opened())
                .when(new CollectFeesCommand(ACCOUNT, TRADE, cents(3, 0, 6)))
                .expectEvents(new FeesCollectedEvent(ACCOUNT, TRADE, TRADE_3, Cash.ofCents(9)));
    }

    @Test
    void aRepeatedRunOfFeesIsIgnored() {
        fixture.given(opened(), new FeesCollectedEvent(ACCOUNT, TRADE, TRADE_3, Cash.ofCents(9)))
                .when(new CollectFeesCommand(ACCOUNT, TRADE, cents(3, 0, 6)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theNextRunAfterTradesThatCreditedNothingIsCollected() {
        fixture.given(opened(), new FeesCollectedEvent(ACCOUNT, TRADE, TRADE_3, Cash.ofCents(9)))
                .when(new CollectFeesCommand(ACCOUNT, TRADE_7, cents(2)))
                .expectEvents(new FeesCollectedEvent(ACCOUNT, TRADE_7, TRADE_7, Cash.ofCents(2)));
    }

    @Test
    void aRunThatOverlapsWhatWasCollectedCreditsOnlyTheTradesAboveIt() {
        fixture.given(opened(), new FeesCollectedEvent(ACCOUNT, TRADE, TRADE_3, Cash.ofCents(9)))
                .when(new CollectFeesCommand(ACCOUNT, TRADE_2, cents(100, 100, 1, 2, 3, 4)))
                .expectEvents(new FeesCollectedEvent(ACCOUNT, TradeId.of(ACME, 4), TRADE_7, Cash.ofCents(10)));
    }

    @Test
    void aNegativePlatformCreditIsRefused() {
        fixture.given(opened())
                .when(new CollectFeesCommand(ACCOUNT, TRADE, cents(3, -1)))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void theWatermarksHoldOneNumberPerSymbolHoweverManyTradesSettled() {
        SettledUpTo settled = new SettledUpTo();
        for (long sequence = 1; sequence < 10_000; sequence += 3) {
            settled.advance(TradeId.of(ACME, sequence));
        }
        settled.advance(TradeId.of(Symbol.of("OTHER"), 5));
        assertThat(settled.size()).isEqualTo(2);
        assertThat(settled.upTo(ACME)).isEqualTo(9_997);
        assertThat(settled.covers(TradeId.of(ACME, 9_996))).isTrue();
        assertThat(settled.covers(TradeId.of(ACME, 9_998))).isFalse();
    }
}
