package io.tandem.command.account;

import io.tandem.contracts.account.ReservationClosingEvent;
import io.tandem.contracts.common.Quantity;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.tandem.command.account.AccountFixtures.*;

class AccountReservationCloseTest {

    private FixtureConfiguration<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    @Test
    void closingAnUnfilledOrderReleasesItsWholeReservation() {
        fixture.given(opened(), deposited("adj-1", 1_100), cashReserved(1_100))
                .when(close(0))
                .expectEvents(released(1_100, 0));
    }

    @Test
    void closingWithFillsStillToSettleOnlyMarksTheReservationClosing() {
        fixture.given(opened(), deposited("adj-1", 1_100), cashReserved(1_100), buySettled(TRADE, 2, 400, 1))
                .when(close(5))
                .expectEvents(new ReservationClosingEvent(ACCOUNT, ORDER, Quantity.ofLots(5)));
    }

    @Test
    void theLastSettlementOfAClosingOrderReleasesWhatIsLeft() {
        fixture.given(opened(), deposited("adj-1", 1_100), cashReserved(1_100), buySettled(TRADE, 2, 400, 1),
                        new ReservationClosingEvent(ACCOUNT, ORDER, Quantity.ofLots(5)))
                .when(settleBuy(TRADE_2, 3, 600, 2))
                .expectEvents(buySettled(TRADE_2, 3, 600, 2), released(97, 0));
    }

    @Test
    void aSettlementBeforeTheLastOfAClosingOrderReleasesNothing() {
        fixture.given(opened(), deposited("adj-1", 1_100), cashReserved(1_100),
                        new ReservationClosingEvent(ACCOUNT, ORDER, Quantity.ofLots(5)))
                .when(settleBuy(TRADE, 2, 400, 1))
                .expectEvents(buySettled(TRADE, 2, 400, 1));
    }

    @Test
    void theLastSettlementOfAClosingSellOrderReleasesTheRemainingQuantity() {
        fixture.given(opened(), issued(10), positionReserved(10),
                        new ReservationClosingEvent(ACCOUNT, ORDER, Quantity.ofLots(4)))
                .when(settleSell(TRADE, 4, 400, 1))
                .expectEvents(sellSettled(TRADE, 4, 400, 1), released(0, 6));
    }

    @Test
    void releasedQuantityCanBeSoldAgain() {
        fixture.given(opened(), issued(10), positionReserved(10), released(0, 10))
                .when(reservePosition(10))
                .expectEvents(positionReserved(10));
    }

    @Test
    void closingAClosingReservationAgainChangesNothing() {
        fixture.given(opened(), deposited("adj-1", 1_100), cashReserved(1_100),
                        new ReservationClosingEvent(ACCOUNT, ORDER, Quantity.ofLots(5)))
                .when(close(5))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void closingAReleasedReservationAgainChangesNothing() {
        fixture.given(opened(), deposited("adj-1", 1_100), cashReserved(1_100), released(1_100, 0))
                .when(close(0))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void closingAnOrderWithoutReservationChangesNothing() {
        fixture.given(opened())
                .when(close(3))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
