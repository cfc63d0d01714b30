package io.tandem.command.account;

import io.tandem.contracts.account.ReservationClosingEvent;
import io.tandem.contracts.account.ReserveCashCommand;
import io.tandem.contracts.account.ReservePositionCommand;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.Quantity;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.tandem.command.account.AccountFixtures.*;

class AccountReservationTest {

    private FixtureConfiguration<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    @Test
    void ownerReservesCashForABuyOrder() {
        fixture.given(opened(), deposited("adj-1", 1_000))
                .when(reserveCash(1_000))
                .expectEvents(cashReserved(1_000));
    }

    @Test
    void onlyTheOwnerMayReserveCashAndToAnyoneElseTheAccountDoesNotExist() {
        fixture.given(opened(), deposited("adj-1", 1_000))
                .when(new ReserveCashCommand(ACCOUNT, MALLORY, ORDER, ACME, Cash.ofCents(100)))
                .expectException(refusedWith(ErrorCode.ACCOUNT_NOT_FOUND));
    }

    @Test
    void reservingMoreCashThanAvailableIsRefused() {
        fixture.given(opened(), deposited("adj-1", 1_000))
                .when(reserveCash(1_001))
                .expectException(refusedWith(ErrorCode.INSUFFICIENT_FUNDS));
    }

    @Test
    void reservedCashIsNoLongerAvailable() {
        fixture.given(opened(), deposited("adj-1", 1_000), cashReserved(600))
                .when(adjust("adj-2", -401))
                .expectException(refusedWith(ErrorCode.INSUFFICIENT_FUNDS));
    }

    @Test
    void aZeroCashReservationIsMalformed() {
        fixture.given(opened(), deposited("adj-1", 1_000))
                .when(reserveCash(0))
                .expectException(refusedWith(ErrorCode.MALFORMED_REQUEST));
    }

    @Test
    void reservingAgainForTheSameOrderAddsToItsReservation() {
        fixture.given(opened(), deposited("adj-1", 1_000), cashReserved(600), cashReserved(400))
                .when(close(0))
                .expectEvents(released(1_000, 0));
    }

    @Test
    void ownerReservesPositionForASellOrder() {
        fixture.given(opened(), issued(10))
                .when(reservePosition(10))
                .expectEvents(positionReserved(10));
    }

    @Test
    void onlyTheOwnerMayReserveAPositionAndToAnyoneElseTheAccountDoesNotExist() {
        fixture.given(opened(), issued(10))
                .when(new ReservePositionCommand(ACCOUNT, MALLORY, ORDER, ACME, Quantity.ofLots(1)))
                .expectException(refusedWith(ErrorCode.ACCOUNT_NOT_FOUND));
    }

    @Test
    void reservingMoreThanTheAvailablePositionIsRefused() {
        fixture.given(opened(), issued(10), positionReserved(4))
                .when(reservePosition(7))
                .expectException(refusedWith(ErrorCode.INSUFFICIENT_POSITION));
    }

    @Test
    void reservingAPositionNeverHeldIsRefused() {
        fixture.given(opened())
                .when(reservePosition(1))
                .expectException(refusedWith(ErrorCode.INSUFFICIENT_POSITION));
    }

    @Test
    void reservingForAnOrderWhoseReservationIsClosingIsRefused() {
        fixture.given(opened(), deposited("adj-1", 1_000), cashReserved(600),
                        new ReservationClosingEvent(ACCOUNT, ORDER, Quantity.ofLots(5)))
                .when(reserveCash(100))
                .expectException(refusedWith(ErrorCode.ORDER_NOT_OPEN));
    }
}
