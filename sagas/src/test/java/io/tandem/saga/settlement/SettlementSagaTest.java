package io.tandem.saga.settlement;

import io.tandem.contracts.account.*;
import io.tandem.contracts.common.*;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

class SettlementSagaTest {

    private static final AccountId BUYER = AccountId.of("acc-buyer");
    private static final AccountId SELLER = AccountId.of("acc-seller");
    private static final AccountId FEES = AccountId.of("fees-under-test");
    private static final TradeId TRADE = TradeId.of("ACME-1");
    private static final Symbol ACME = Symbol.of("ACME");
    private static final OrderId BUY_ORDER = OrderId.of("buy-order");
    private static final OrderId SELL_ORDER = OrderId.of("sell-order");
    private static final Quantity FIVE = Quantity.ofLots(5);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(30);

    private SagaTestFixture<SettlementSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(SettlementSaga.class);
        fixture.registerResource(new SettlementProperties(FEES.value(), RETRY_DELAY));
    }

    private static TradeExecutedEvent trade(long buyerFee, long sellerFee) {
        return new TradeExecutedEvent(ACME, TRADE, Price.ofTicks(1_000), FIVE, Side.BUY, SELL_ORDER, BUY_ORDER,
                BUYER, BUY_ORDER, SELLER, SELL_ORDER, Cash.ofCents(5_000), Cash.ofCents(buyerFee),
                Cash.ofCents(5_000), Cash.ofCents(sellerFee), true, true, Instant.parse("2025-01-01T10:00:00Z"));
    }

    private static BuySettledEvent buySettled() {
        return new BuySettledEvent(BUYER, TRADE, BUY_ORDER, ACME, FIVE, Cash.ofCents(5_000), Cash.ofCents(10));
    }

    private static SellSettledEvent sellSettled() {
        return new SellSettledEvent(SELLER, TRADE, SELL_ORDER, ACME, FIVE, Cash.ofCents(5_000), Cash.ofCents(5));
    }

    private static FeesCollectedEvent feesCollected() {
        return new FeesCollectedEvent(FEES, TRADE, Cash.ofCents(15));
    }

    @Test
    void aTradeStartsASettlementThatSettlesBothSidesAndCollectsTheFees() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(trade(10, 5))
                .expectActiveSagas(1)
                .expectAssociationWith(SettlementSaga.TRADE_ID, TRADE)
                .expectDispatchedCommands(
                        new SettleBuyCommand(BUYER, TRADE, BUY_ORDER, ACME, FIVE, Cash.ofCents(5_000), Cash.ofCents(10)),
                        new SettleSellCommand(SELLER, TRADE, SELL_ORDER, ACME, FIVE, Cash.ofCents(5_000), Cash.ofCents(5)),
                        new CollectFeesCommand(FEES, TRADE, Cash.ofCents(15)));
    }

    @Test
    void aTradeWithoutFeesSendsNoFeeCollection() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(trade(0, 0))
                .expectDispatchedCommands(
                        new SettleBuyCommand(BUYER, TRADE, BUY_ORDER, ACME, FIVE, Cash.ofCents(5_000), Cash.ZERO),
                        new SettleSellCommand(SELLER, TRADE, SELL_ORDER, ACME, FIVE, Cash.ofCents(5_000), Cash.ZERO));
    }

    @Test
    void theBuyConfirmationAloneDoesNotEndTheSettlement() {
        fixture.givenAPublished(trade(10, 5))
                .whenPublishingA(buySettled())
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }

    @Test
    void theSellConfirmationAloneDoesNotEndTheSettlement() {
        fixture.givenAPublished(trade(10, 5))
                .whenPublishingA(sellSettled())
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }

    @Test
    void theFeeConfirmationAloneDoesNotEndTheSettlement() {
        fixture.givenAPublished(trade(10, 5))
                .whenPublishingA(feesCollected())
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }

    @Test
    void theSettlementEndsWhenAllThreeConfirmationsHaveArrived() {
        fixture.givenAPublished(trade(10, 5))
                .andThenAPublished(sellSettled())
                .andThenAPublished(feesCollected())
                .whenPublishingA(buySettled())
                .expectActiveSagas(0);
    }

    @Test
    void aSettlementWithoutFeesEndsAfterBothSidesConfirm() {
        fixture.givenAPublished(trade(0, 0))
                .andThenAPublished(buySettled())
                .whenPublishingA(sellSettled())
                .expectActiveSagas(0);
    }

    @Test
    void aRepeatedConfirmationDoesNotEndTheSettlementEarly() {
        fixture.givenAPublished(trade(10, 5))
                .andThenAPublished(buySettled())
                .andThenAPublished(feesCollected())
                .whenPublishingA(buySettled())
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }

    @Test
    void aRedeliveredTradeOnlyResendsTheIdempotentCommands() {
        fixture.givenAPublished(trade(10, 5))
                .whenPublishingA(trade(10, 5))
                .expectActiveSagas(1)
                .expectDispatchedCommands(
                        new SettleBuyCommand(BUYER, TRADE, BUY_ORDER, ACME, FIVE, Cash.ofCents(5_000), Cash.ofCents(10)),
                        new SettleSellCommand(SELLER, TRADE, SELL_ORDER, ACME, FIVE, Cash.ofCents(5_000), Cash.ofCents(5)),
                        new CollectFeesCommand(FEES, TRADE, Cash.ofCents(15)));
    }

    @Test
    void confirmationsOfAnotherTradeAreIgnored() {
        fixture.givenAPublished(trade(10, 5))
                .andThenAPublished(new SellSettledEvent(SELLER, TradeId.of("ACME-2"), SELL_ORDER, ACME, FIVE, Cash.ofCents(5_000), Cash.ofCents(5)))
                .andThenAPublished(new FeesCollectedEvent(FEES, TradeId.of("ACME-2"), Cash.ofCents(15)))
                .whenPublishingA(buySettled())
                .expectActiveSagas(1);
    }

    @Test
    void aSettlementSchedulesARetryOfItsLegs() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(trade(10, 5))
                .expectScheduledDeadlineWithName(RETRY_DELAY, SettlementSaga.RETRY_DEADLINE);
    }

    @Test
    void legsStillUnconfirmedAfterTheRetryDelayAreSentAgain() {
        fixture.givenAPublished(trade(10, 5))
                .andThenAPublished(buySettled())
                .whenTimeElapses(RETRY_DELAY)
                .expectDeadlinesMet(TRADE)
                .expectDispatchedCommands(
                        new SettleSellCommand(SELLER, TRADE, SELL_ORDER, ACME, FIVE, Cash.ofCents(5_000), Cash.ofCents(5)),
                        new CollectFeesCommand(FEES, TRADE, Cash.ofCents(15)))
                .expectScheduledDeadlineWithName(RETRY_DELAY, SettlementSaga.RETRY_DEADLINE)
                .expectActiveSagas(1);
    }

    @Test
    void theRetryIsCancelledWhenTheLastConfirmationArrives() {
        fixture.givenAPublished(trade(10, 5))
                .andThenAPublished(sellSettled())
                .andThenAPublished(feesCollected())
                .whenPublishingA(buySettled())
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void aRedeliveredTradeKeepsTheConfirmationsAlreadyReceived() {
        fixture.givenAPublished(trade(10, 5))
                .andThenAPublished(buySettled())
                .andThenAPublished(feesCollected())
                .whenPublishingA(trade(10, 5))
                .expectDispatchedCommands(
                        new SettleSellCommand(SELLER, TRADE, SELL_ORDER, ACME, FIVE, Cash.ofCents(5_000), Cash.ofCents(5)))
                .expectScheduledDeadlineWithName(RETRY_DELAY, SettlementSaga.RETRY_DEADLINE);
    }
}
