package io.tandem.command.account;

import io.tandem.contracts.account.AccountOpenedEvent;
import io.tandem.contracts.account.IssueSupplyCommand;
import io.tandem.contracts.account.OpenAccountCommand;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.Quantity;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.tandem.command.account.AccountFixtures.*;

class AccountOpeningAndCashTest {

    private FixtureConfiguration<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    @Test
    void openingANewAccountRecordsItsOwnerAndType() {
        fixture.givenNoPriorActivity()
                .when(new OpenAccountCommand(ACCOUNT, ALICE, AccountType.TRADING))
                .expectEvents(new AccountOpenedEvent(ACCOUNT, ALICE, AccountType.TRADING));
    }

    @Test
    void openingAnExistingAccountIsRefused() {
        fixture.given(opened())
                .when(new OpenAccountCommand(ACCOUNT, MALLORY, AccountType.TRADING))
                .expectException(refusedWith(ErrorCode.ACCOUNT_ALREADY_EXISTS));
    }

    @Test
    void adjustingAnUnknownAccountFindsNoAccount() {
        fixture.givenNoPriorActivity()
                .when(adjust("adj-1", 100))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void positiveAdjustmentCreditsAvailableCash() {
        fixture.given(opened())
                .when(adjust("adj-1", 10_000))
                .expectEvents(deposited("adj-1", 10_000));
    }

    @Test
    void repeatingAnAdjustmentWithTheSameAmountChangesNothing() {
        fixture.given(opened(), deposited("adj-1", 10_000))
                .when(adjust("adj-1", 10_000))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void repeatingAnAdjustmentIdWithAnotherAmountIsAConflict() {
        fixture.given(opened(), deposited("adj-1", 10_000))
                .when(adjust("adj-1", 20_000))
                .expectException(refusedWith(ErrorCode.ADJUSTMENT_CONFLICT));
    }

    @Test
    void negativeAdjustmentWithinAvailableCashDebitsIt() {
        fixture.given(opened(), deposited("adj-1", 10_000))
                .when(adjust("adj-2", -10_000))
                .expectEvents(deposited("adj-2", -10_000));
    }

    @Test
    void negativeAdjustmentBeyondAvailableCashIsRefused() {
        fixture.given(opened(), deposited("adj-1", 10_000))
                .when(adjust("adj-2", -10_001))
                .expectException(refusedWith(ErrorCode.INSUFFICIENT_FUNDS));
    }

    @Test
    void zeroAdjustmentIsMalformed() {
        fixture.given(opened())
                .when(adjust("adj-1", 0))
                .expectException(refusedWith(ErrorCode.MALFORMED_REQUEST));
    }

    @Test
    void issuingSupplyCreditsThePosition() {
        fixture.given(opened())
                .when(new IssueSupplyCommand(ACCOUNT, ACME, Quantity.ofLots(1_000)))
                .expectEvents(issued(1_000));
    }

    @Test
    void issuingSupplyOfTheSameSymbolAgainChangesNothing() {
        fixture.given(opened(), issued(1_000))
                .when(new IssueSupplyCommand(ACCOUNT, ACME, Quantity.ofLots(1_000)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
