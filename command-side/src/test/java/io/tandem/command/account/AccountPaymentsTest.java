package io.tandem.command.account;

import io.tandem.contracts.account.*;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.payment.PaymentId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.tandem.command.account.AccountFixtures.*;

/** The account's payment legs: each is idempotent by payment id and never takes available cash below zero. */
class AccountPaymentsTest {

    private static final PaymentId DEPOSIT = PaymentId.of("pay-deposit");
    private static final PaymentId WITHDRAWAL = PaymentId.of("pay-withdrawal");
    private static final Cash HUNDRED = Cash.ofCents(10_000);

    private FixtureConfiguration<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    private static DepositAcceptedEvent accepted(PaymentId id, Cash amount) {
        return new DepositAcceptedEvent(ACCOUNT, id, ALICE, amount);
    }

    private static WithdrawalReservedEvent reserved(PaymentId id, Cash amount) {
        return new WithdrawalReservedEvent(ACCOUNT, id, amount);
    }

    @Test
    void theOwnerCanAnnounceADepositWithoutAnyBalanceChange() {
        fixture.given(opened())
                .when(new AcceptDepositCommand(ACCOUNT, DEPOSIT, ALICE, HUNDRED))
                .expectEvents(accepted(DEPOSIT, HUNDRED));
    }

    @Test
    void anotherUserCannotDepositIntoTheAccountWhichForThemDoesNotExist() {
        fixture.given(opened())
                .when(new AcceptDepositCommand(ACCOUNT, DEPOSIT, MALLORY, HUNDRED))
                .expectException(refusedWith(ErrorCode.ACCOUNT_NOT_FOUND));
    }

    @Test
    void aRepeatedDepositRequestChangesNothing() {
        fixture.given(opened(), accepted(DEPOSIT, HUNDRED))
                .when(new AcceptDepositCommand(ACCOUNT, DEPOSIT, ALICE, HUNDRED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aPaymentIdReusedForAnotherAmountIsAConflict() {
        fixture.given(opened(), accepted(DEPOSIT, HUNDRED))
                .when(new AcceptDepositCommand(ACCOUNT, DEPOSIT, ALICE, Cash.ofCents(1)))
                .expectException(refusedWith(ErrorCode.PAYMENT_CONFLICT));
    }

    @Test
    void aDepositIdReusedForAWithdrawalIsAConflict() {
        fixture.given(opened(), deposited("adj-1", 50_000), accepted(DEPOSIT, HUNDRED))
                .when(new ReserveWithdrawalCommand(ACCOUNT, DEPOSIT, ALICE, HUNDRED))
                .expectException(refusedWith(ErrorCode.PAYMENT_CONFLICT));
    }

    @Test
    void aZeroDepositIsMalformed() {
        fixture.given(opened())
                .when(new AcceptDepositCommand(ACCOUNT, DEPOSIT, ALICE, Cash.ZERO))
                .expectException(refusedWith(ErrorCode.MALFORMED_REQUEST));
    }

    @Test
    void creditingAnAcceptedDepositAddsItToAvailableCash() {
        fixture.given(opened(), accepted(DEPOSIT, HUNDRED))
                .when(new CreditDepositCommand(ACCOUNT, DEPOSIT))
                .expectEvents(new DepositCreditedEvent(ACCOUNT, DEPOSIT, HUNDRED));
    }

    @Test
    void aDepositIsCreditedOnlyOnce() {
        fixture.given(opened(), accepted(DEPOSIT, HUNDRED), new DepositCreditedEvent(ACCOUNT, DEPOSIT, HUNDRED))
                .when(new CreditDepositCommand(ACCOUNT, DEPOSIT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void creditingAPaymentTheAccountNeverAcceptedIsRefused() {
        fixture.given(opened())
                .when(new CreditDepositCommand(ACCOUNT, DEPOSIT))
                .expectException(refusedWith(ErrorCode.PAYMENT_NOT_FOUND));
    }

    @Test
    void aWithdrawalCannotBeCreditedAsADeposit() {
        fixture.given(opened(), deposited("adj-1", 50_000), reserved(WITHDRAWAL, HUNDRED))
                .when(new CreditDepositCommand(ACCOUNT, WITHDRAWAL))
                .expectException(refusedWith(ErrorCode.PAYMENT_CONFLICT));
    }

    @Test
    void aWithdrawalReservesItsAmountFromAvailableCash() {
        fixture.given(opened(), deposited("adj-1", 10_000))
                .when(new ReserveWithdrawalCommand(ACCOUNT, WITHDRAWAL, ALICE, HUNDRED))
                .expectEvents(reserved(WITHDRAWAL, HUNDRED));
    }

    @Test
    void aWithdrawalBeyondAvailableCashIsRefused() {
        fixture.given(opened(), deposited("adj-1", 9_999))
                .when(new ReserveWithdrawalCommand(ACCOUNT, WITHDRAWAL, ALICE, HUNDRED))
                .expectException(refusedWith(ErrorCode.INSUFFICIENT_FUNDS));
    }

    @Test
    void cashReservedForAWithdrawalCannotBeWithdrawnAgain() {
        fixture.given(opened(), deposited("adj-1", 15_000), reserved(WITHDRAWAL, HUNDRED))
                .when(new ReserveWithdrawalCommand(ACCOUNT, PaymentId.of("pay-second"), ALICE, HUNDRED))
                .expectException(refusedWith(ErrorCode.INSUFFICIENT_FUNDS));
    }

    @Test
    void cashReservedForAWithdrawalCannotBackAnOrder() {
        fixture.given(opened(), deposited("adj-1", 15_000), reserved(WITHDRAWAL, HUNDRED))
                .when(reserveCash(5_001))
                .expectException(refusedWith(ErrorCode.INSUFFICIENT_FUNDS));
    }

    @Test
    void anotherUserCannotWithdrawFromTheAccountWhichForThemDoesNotExist() {
        fixture.given(opened(), deposited("adj-1", 50_000))
                .when(new ReserveWithdrawalCommand(ACCOUNT, WITHDRAWAL, MALLORY, HUNDRED))
                .expectException(refusedWith(ErrorCode.ACCOUNT_NOT_FOUND));
    }

    @Test
    void aRepeatedWithdrawalRequestReservesNothingMore() {
        fixture.given(opened(), deposited("adj-1", 10_000), reserved(WITHDRAWAL, HUNDRED))
                .when(new ReserveWithdrawalCommand(ACCOUNT, WITHDRAWAL, ALICE, HUNDRED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRepeatedWithdrawalRequestAfterItWasPaidOutReservesNothing() {
        fixture.given(opened(), deposited("adj-1", 10_000), reserved(WITHDRAWAL, HUNDRED),
                        new WithdrawalDebitedEvent(ACCOUNT, WITHDRAWAL, HUNDRED))
                .when(new ReserveWithdrawalCommand(ACCOUNT, WITHDRAWAL, ALICE, HUNDRED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aConfirmedPayoutDebitsTheReservedAmount() {
        fixture.given(opened(), deposited("adj-1", 10_000), reserved(WITHDRAWAL, HUNDRED))
                .when(new DebitWithdrawalCommand(ACCOUNT, WITHDRAWAL))
                .expectEvents(new WithdrawalDebitedEvent(ACCOUNT, WITHDRAWAL, HUNDRED));
    }

    @Test
    void aPayoutIsDebitedOnlyOnce() {
        fixture.given(opened(), deposited("adj-1", 10_000), reserved(WITHDRAWAL, HUNDRED),
                        new WithdrawalDebitedEvent(ACCOUNT, WITHDRAWAL, HUNDRED))
                .when(new DebitWithdrawalCommand(ACCOUNT, WITHDRAWAL))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aFailedPayoutReleasesTheReservedAmount() {
        fixture.given(opened(), deposited("adj-1", 10_000), reserved(WITHDRAWAL, HUNDRED))
                .when(new ReleaseWithdrawalCommand(ACCOUNT, WITHDRAWAL))
                .expectEvents(new WithdrawalReleasedEvent(ACCOUNT, WITHDRAWAL, HUNDRED));
    }

    @Test
    void aReleasedWithdrawalIsReleasedOnlyOnce() {
        fixture.given(opened(), deposited("adj-1", 10_000), reserved(WITHDRAWAL, HUNDRED),
                        new WithdrawalReleasedEvent(ACCOUNT, WITHDRAWAL, HUNDRED))
                .when(new ReleaseWithdrawalCommand(ACCOUNT, WITHDRAWAL))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aReleasedWithdrawalCanBeSpentAgain() {
        fixture.given(opened(), deposited("adj-1", 10_000), reserved(WITHDRAWAL, HUNDRED),
                        new WithdrawalReleasedEvent(ACCOUNT, WITHDRAWAL, HUNDRED))
                .when(new ReserveWithdrawalCommand(ACCOUNT, PaymentId.of("pay-second"), ALICE, HUNDRED))
                .expectEvents(reserved(PaymentId.of("pay-second"), HUNDRED));
    }

    @Test
    void aDebitedWithdrawalCannotAlsoBeReleased() {
        fixture.given(opened(), deposited("adj-1", 10_000), reserved(WITHDRAWAL, HUNDRED),
                        new WithdrawalDebitedEvent(ACCOUNT, WITHDRAWAL, HUNDRED))
                .when(new ReleaseWithdrawalCommand(ACCOUNT, WITHDRAWAL))
                .expectException(refusedWith(ErrorCode.PAYMENT_CONFLICT));
    }

    @Test
    void aReleasedWithdrawalCannotAlsoBeDebited() {
        fixture.given(opened(), deposited("adj-1", 10_000), reserved(WITHDRAWAL, HUNDRED),
                        new WithdrawalReleasedEvent(ACCOUNT, WITHDRAWAL, HUNDRED))
                .when(new DebitWithdrawalCommand(ACCOUNT, WITHDRAWAL))
                .expectException(refusedWith(ErrorCode.PAYMENT_CONFLICT));
    }

    @Test
    void aDepositCannotBeDebitedAsAWithdrawal() {
        fixture.given(opened(), accepted(DEPOSIT, HUNDRED))
                .when(new DebitWithdrawalCommand(ACCOUNT, DEPOSIT))
                .expectException(refusedWith(ErrorCode.PAYMENT_CONFLICT));
    }

    @Test
    void aCreditedDepositCanBeWithdrawn() {
        fixture.given(opened(), accepted(DEPOSIT, HUNDRED), new DepositCreditedEvent(ACCOUNT, DEPOSIT, HUNDRED))
                .when(new ReserveWithdrawalCommand(ACCOUNT, WITHDRAWAL, ALICE, HUNDRED))
                .expectEvents(reserved(WITHDRAWAL, HUNDRED));
    }

    @Test
    void anAcceptedButUncreditedDepositCannotBeWithdrawn() {
        fixture.given(opened(), accepted(DEPOSIT, HUNDRED))
                .when(new ReserveWithdrawalCommand(ACCOUNT, WITHDRAWAL, ALICE, HUNDRED))
                .expectException(refusedWith(ErrorCode.INSUFFICIENT_FUNDS));
    }
}
