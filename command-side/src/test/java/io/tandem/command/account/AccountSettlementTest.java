package io.tandem.command.account;

import io.tandem.contracts.account.BuySettledEvent;
import io.tandem.contracts.account.CollectFeesCommand;
import io.tandem.contracts.account.FeesCollectedEvent;
import io.tandem.contracts.account.PositionReservedEvent;
import io.tandem.contracts.account.ReservePositionCommand;
import io.tandem.contracts.account.SellSettledEvent;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Quantity;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.tandem.command.account.AccountFixtures.*;

class AccountSettlementTest {

    private static final OrderId SELL_ORDER = OrderId.of("order-2");

    private FixtureConfiguration<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    @Test
    void buySettlementIsRecorded() {
        fixture.given(opened(), deposited("adj-1", 1_100), cashReserved(1_100))
                .when(settleBuy(TRADE, 5, 1_000, 10))
                .expectEvents(buySettled(TRADE, 5, 1_000, 10));
    }

    @Test
    void buySettlementTakesNotionalAndFeeOutOfTheReservation() {
        fixture.given(opened(), deposited("adj-1", 1_100), cashReserved(1_100), buySettled(TRADE, 5, 1_000, 10))
                .when(close(5))
                .expectEvents(released(90, 0));
    }

    @Test
    void buySettlementCreditsThePosition() {
        fixture.given(opened(), deposited("adj-1", 1_100), cashReserved(1_100), buySettled(TRADE, 5, 1_000, 10))
                .when(new ReservePositionCommand(ACCOUNT, ALICE, SELL_ORDER, ACME, Quantity.ofLots(5)))
                .expectEvents(new PositionReservedEvent(ACCOUNT, SELL_ORDER, ACME, Quantity.ofLots(5)));
    }

    @Test
    void aRepeatedBuySettlementIsIgnored() {
        fixture.given(opened(), deposited("adj-1", 1_100), cashReserved(1_100), buySettled(TRADE, 5, 1_000, 10))
                .when(settleBuy(TRADE, 5, 1_000, 10))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aBuySettlementBeyondTheReservationTakesTheShortfallFromAvailableCash() {
        fixture.given(opened(), deposited("adj-1", 1_000), cashReserved(100), buySettled(TRADE, 1, 140, 10))
                .when(adjust("adj-2", -851))
                .expectException(refusedWith(ErrorCode.INSUFFICIENT_FUNDS));
    }

    @Test
    void aBuySettlementBeyondTheReservationRecordsTheShortfallItTakesFromAvailableCash() {
        fixture.given(opened(), deposited("adj-1", 1_000), cashReserved(100))
                .when(settleBuy(TRADE, 1, 140, 10))
                .expectEvents(new BuySettledEvent(ACCOUNT, TRADE, ORDER, ACME, Quantity.ofLots(1), Cash.ofCents(140),
                        Cash.ofCents(10), Cash.ofCents(50)));
    }

    @Test
    void aSellSettlementBeyondTheReservationRecordsTheShortfallItTakesFromThePosition() {
        fixture.given(opened(), issued(10), positionReserved(5))
                .when(settleSell(TRADE, 8, 800, 0))
                .expectEvents(new SellSettledEvent(ACCOUNT, TRADE, ORDER, ACME, Quantity.ofLots(8), Cash.ofCents(800),
                        Cash.ZERO, Quantity.ofLots(3)));
    }

    @Test
    void aSellSettlementBeyondTheReservationTakesTheShortfallFromThePosition() {
        fixture.given(opened(), issued(10), positionReserved(5), sellSettled(TRADE, 8, 800, 0))
                .when(new ReservePositionCommand(ACCOUNT, ALICE, SELL_ORDER, ACME, Quantity.ofLots(3)))
                .expectException(refusedWith(ErrorCode.INSUFFICIENT_POSITION));
    }

    @Test
    void sellSettlementIsRecorded() {
        fixture.given(opened(), issued(10), positionReserved(10))
                .when(settleSell(TRADE, 10, 1_000, 10))
                .expectEvents(sellSettled(TRADE, 10, 1_000, 10));
    }

    @Test
    void sellSettlementCreditsNotionalLessFee() {
        fixture.given(opened(), issued(10), positionReserved(10), sellSettled(TRADE, 10, 1_000, 10))
                .when(adjust("adj-1", -991))
                .expectException(refusedWith(ErrorCode.INSUFFICIENT_FUNDS));
    }

    @Test
    void sellSettlementTakesTheQuantityOutOfTheReservation() {
        fixture.given(opened(), issued(10), positionReserved(10), sellSettled(TRADE, 4, 400, 1))
                .when(close(4))
                .expectEvents(released(0, 6));
    }

    @Test
    void aRepeatedSellSettlementIsIgnored() {
        fixture.given(opened(), issued(10), positionReserved(10), sellSettled(TRADE, 10, 1_000, 10))
                .when(settleSell(TRADE, 10, 1_000, 10))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void collectingFeesCreditsTheFeeAccount() {
        fixture.given(opened())
                .when(new CollectFeesCommand(ACCOUNT, TRADE, Cash.ofCents(25)))
                .expectEvents(new FeesCollectedEvent(ACCOUNT, TRADE, Cash.ofCents(25)));
    }

    @Test
    void collectedFeesBecomeAvailableCash() {
        fixture.given(opened(), new FeesCollectedEvent(ACCOUNT, TRADE, Cash.ofCents(25)))
                .when(adjust("adj-1", -25))
                .expectEvents(deposited("adj-1", -25));
    }

    @Test
    void collectingTheFeesOfATradeTwiceIsIgnored() {
        fixture.given(opened(), new FeesCollectedEvent(ACCOUNT, TRADE, Cash.ofCents(25)))
                .when(new CollectFeesCommand(ACCOUNT, TRADE, Cash.ofCents(25)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
