package io.tandem.command.payment;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.payment.*;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

/**
 * The payment's life cycle: idempotent requests, first final answer wins, only its own provider may
 * answer, later answers that agree are ignored and later answers that contradict are recorded.
 */
class PaymentTest {

    private static final PaymentId PAYMENT = PaymentId.of("pay-1");
    private static final AccountId ACCOUNT = AccountId.of("acc-alice");
    private static final UserId ALICE = UserId.of("alice");
    private static final Cash HUNDRED = Cash.ofCents(10_000);
    private static final String SIMULATOR = "simulator";
    private static final Instant REQUESTED_AT = Instant.parse("2025-01-01T10:00:00Z");
    private static final Instant LATER = Instant.parse("2025-01-01T10:00:05Z");

    private FixtureConfiguration<Payment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Payment.class);
    }

    private static RequestDepositCommand requestDeposit(Cash amount) {
        return new RequestDepositCommand(PAYMENT, ACCOUNT, ALICE, amount, SIMULATOR, REQUESTED_AT);
    }

    private static DepositRequestedEvent depositRequested() {
        return new DepositRequestedEvent(PAYMENT, ACCOUNT, ALICE, HUNDRED, SIMULATOR, REQUESTED_AT);
    }

    private static WithdrawalRequestedEvent withdrawalRequested() {
        return new WithdrawalRequestedEvent(PAYMENT, ACCOUNT, ALICE, HUNDRED, SIMULATOR, REQUESTED_AT);
    }

    private static PaymentInitiatedEvent initiated() {
        return new PaymentInitiatedEvent(PAYMENT, ACCOUNT, PaymentDirection.DEPOSIT, "sim-1", LATER);
    }

    private static PaymentConfirmedEvent confirmed() {
        return new PaymentConfirmedEvent(PAYMENT, ACCOUNT, PaymentDirection.DEPOSIT, HUNDRED, "sim-1", LATER);
    }

    private static PaymentFailedEvent failed(String reason) {
        return new PaymentFailedEvent(PAYMENT, ACCOUNT, PaymentDirection.DEPOSIT, HUNDRED, reason, LATER);
    }

    private static PaymentOutcomeConflictedEvent conflicted(PaymentStatus recorded, PaymentStatus reported, String detail) {
        return new PaymentOutcomeConflictedEvent(PAYMENT, ACCOUNT, PaymentDirection.DEPOSIT, HUNDRED, recorded, reported, detail, LATER);
    }

    @Test
    void aDepositRequestCreatesARequestedPayment() {
        fixture.givenNoPriorActivity()
                .when(requestDeposit(HUNDRED))
                .expectEvents(depositRequested())
                .expectResultMessagePayload(PaymentStatus.REQUESTED);
    }

    @Test
    void aWithdrawalRequestCreatesARequestedPayment() {
        fixture.givenNoPriorActivity()
                .when(new RequestWithdrawalCommand(PAYMENT, ACCOUNT, ALICE, HUNDRED, SIMULATOR, REQUESTED_AT))
                .expectEvents(withdrawalRequested())
                .expectResultMessagePayload(PaymentStatus.REQUESTED);
    }

    @Test
    void aRepeatedRequestCreatesNothingAndAnswersTheCurrentStatus() {
        fixture.given(depositRequested(), initiated(), confirmed())
                .when(new RequestDepositCommand(PAYMENT, ACCOUNT, ALICE, HUNDRED, SIMULATOR, LATER))
                .expectNoEvents()
                .expectResultMessagePayload(PaymentStatus.CONFIRMED);
    }

    @Test
    void theSamePaymentIdWithAnotherAmountIsAConflict() {
        fixture.given(depositRequested())
                .when(requestDeposit(Cash.ofCents(1)))
                .expectException(refusedWith(ErrorCode.PAYMENT_CONFLICT));
    }

    @Test
    void theSamePaymentIdForAnotherAccountIsAConflict() {
        fixture.given(depositRequested())
                .when(new RequestDepositCommand(PAYMENT, AccountId.of("acc-bob"), UserId.of("bob"), HUNDRED, SIMULATOR, REQUESTED_AT))
                .expectException(refusedWith(ErrorCode.PAYMENT_CONFLICT));
    }

    @Test
    void theSamePaymentIdThroughAnotherProviderIsAConflict() {
        fixture.given(depositRequested())
                .when(new RequestDepositCommand(PAYMENT, ACCOUNT, ALICE, HUNDRED, "other-bank", REQUESTED_AT))
                .expectException(refusedWith(ErrorCode.PAYMENT_CONFLICT));
    }

    @Test
    void aDepositIdReusedForAWithdrawalIsAConflict() {
        fixture.given(depositRequested())
                .when(new RequestWithdrawalCommand(PAYMENT, ACCOUNT, ALICE, HUNDRED, SIMULATOR, REQUESTED_AT))
                .expectException(refusedWith(ErrorCode.PAYMENT_CONFLICT));
    }

    @Test
    void aNegativeAmountIsMalformed() {
        fixture.givenNoPriorActivity()
                .when(requestDeposit(Cash.ofCents(-1)))
                .expectException(refusedWith(ErrorCode.MALFORMED_REQUEST));
    }

    @Test
    void theProvidersAcceptanceMakesThePaymentPending() {
        fixture.given(depositRequested())
                .when(new RecordPaymentInitiatedCommand(PAYMENT, "sim-1", LATER))
                .expectEvents(initiated())
                .expectResultMessagePayload(PaymentStatus.PENDING);
    }

    @Test
    void aSecondAcceptanceIsIgnored() {
        fixture.given(depositRequested(), initiated())
                .when(new RecordPaymentInitiatedCommand(PAYMENT, "sim-2", LATER))
                .expectNoEvents();
    }

    @Test
    void anAcceptanceAfterTheOutcomeIsIgnored() {
        fixture.given(depositRequested(), confirmed())
                .when(new RecordPaymentInitiatedCommand(PAYMENT, "sim-1", LATER))
                .expectNoEvents()
                .expectResultMessagePayload(PaymentStatus.CONFIRMED);
    }

    @Test
    void aConfirmationMakesThePaymentConfirmed() {
        fixture.given(depositRequested(), initiated())
                .when(new ConfirmPaymentCommand(PAYMENT, SIMULATOR, "sim-1", LATER))
                .expectEvents(confirmed())
                .expectResultMessagePayload(PaymentStatus.CONFIRMED);
    }

    @Test
    void aConfirmationThatOvertakesTheAcceptanceStillConfirms() {
        fixture.given(depositRequested())
                .when(new ConfirmPaymentCommand(PAYMENT, SIMULATOR, "sim-1", LATER))
                .expectEvents(confirmed());
    }

    @Test
    void aDuplicateConfirmationIsIgnored() {
        fixture.given(depositRequested(), initiated(), confirmed())
                .when(new ConfirmPaymentCommand(PAYMENT, SIMULATOR, "sim-1", LATER))
                .expectNoEvents()
                .expectResultMessagePayload(PaymentStatus.CONFIRMED);
    }

    @Test
    void aDeclineFailsThePaymentWithItsReason() {
        fixture.given(depositRequested(), initiated())
                .when(new FailPaymentCommand(PAYMENT, SIMULATOR, "CARD_DECLINED", LATER))
                .expectEvents(failed("CARD_DECLINED"))
                .expectResultMessagePayload(PaymentStatus.FAILED);
    }

    @Test
    void aDuplicateDeclineIsIgnored() {
        fixture.given(depositRequested(), initiated(), failed("CARD_DECLINED"))
                .when(new FailPaymentCommand(PAYMENT, SIMULATOR, "CARD_DECLINED", LATER))
                .expectNoEvents()
                .expectResultMessagePayload(PaymentStatus.FAILED);
    }

    @Test
    void aLateConfirmationOfAFailedPaymentIsRecordedAsAConflictAndTheFailureStands() {
        fixture.given(depositRequested(), initiated(), failed("TIMEOUT"))
                .when(new ConfirmPaymentCommand(PAYMENT, SIMULATOR, "sim-late", LATER))
                .expectEvents(conflicted(PaymentStatus.FAILED, PaymentStatus.CONFIRMED, "sim-late"))
                .expectResultMessagePayload(PaymentStatus.FAILED);
    }

    @Test
    void aLateDeclineOfAConfirmedPaymentIsRecordedAsAConflictAndTheConfirmationStands() {
        fixture.given(depositRequested(), initiated(), confirmed())
                .when(new FailPaymentCommand(PAYMENT, SIMULATOR, "CARD_DECLINED", LATER))
                .expectEvents(conflicted(PaymentStatus.CONFIRMED, PaymentStatus.FAILED, "CARD_DECLINED"))
                .expectResultMessagePayload(PaymentStatus.CONFIRMED);
    }

    @Test
    void aRepeatedContradictionIsRecordedOnlyOnce() {
        fixture.given(depositRequested(), initiated(), failed("TIMEOUT"),
                        conflicted(PaymentStatus.FAILED, PaymentStatus.CONFIRMED, "sim-late"))
                .when(new ConfirmPaymentCommand(PAYMENT, SIMULATOR, "sim-late", LATER))
                .expectNoEvents()
                .expectResultMessagePayload(PaymentStatus.FAILED);
    }

    @Test
    void aDifferentContradictionIsRecordedToo() {
        fixture.given(depositRequested(), initiated(), failed("TIMEOUT"),
                        conflicted(PaymentStatus.FAILED, PaymentStatus.CONFIRMED, "sim-late"))
                .when(new ConfirmPaymentCommand(PAYMENT, SIMULATOR, "sim-later", LATER))
                .expectEvents(conflicted(PaymentStatus.FAILED, PaymentStatus.CONFIRMED, "sim-later"));
    }

    @Test
    void aConfirmationFromAnotherProviderIsRefusedAsIfThePaymentDidNotExist() {
        fixture.given(depositRequested(), initiated())
                .when(new ConfirmPaymentCommand(PAYMENT, "other-bank", "other-1", LATER))
                .expectException(refusedWith(ErrorCode.PAYMENT_NOT_FOUND));
    }

    @Test
    void aDeclineFromAnotherProviderIsRefusedAsIfThePaymentDidNotExist() {
        fixture.given(depositRequested(), initiated())
                .when(new FailPaymentCommand(PAYMENT, "other-bank", "CARD_DECLINED", LATER))
                .expectException(refusedWith(ErrorCode.PAYMENT_NOT_FOUND));
    }

    @Test
    void anotherProviderCannotEvenLearnThatAFinalPaymentExists() {
        fixture.given(depositRequested(), initiated(), confirmed())
                .when(new ConfirmPaymentCommand(PAYMENT, "other-bank", "sim-1", LATER))
                .expectException(refusedWith(ErrorCode.PAYMENT_NOT_FOUND));
    }

    @Test
    void anAnswerWithoutAProviderIsRefused() {
        fixture.given(depositRequested(), initiated())
                .when(new ConfirmPaymentCommand(PAYMENT, null, "sim-1", LATER))
                .expectException(refusedWith(ErrorCode.PAYMENT_NOT_FOUND));
    }

    @Test
    void aWithdrawalConfirmationCarriesItsDirectionAndAmount() {
        fixture.given(withdrawalRequested())
                .when(new ConfirmPaymentCommand(PAYMENT, SIMULATOR, "sim-9", LATER))
                .expectEvents(new PaymentConfirmedEvent(PAYMENT, ACCOUNT, PaymentDirection.WITHDRAWAL, HUNDRED, "sim-9", LATER));
    }

    @Test
    void confirmingAnUnknownPaymentFindsNoPayment() {
        fixture.givenNoPriorActivity()
                .when(new ConfirmPaymentCommand(PAYMENT, SIMULATOR, "sim-1", LATER))
                .expectException(AggregateNotFoundException.class);
    }

    private static Matcher<Throwable> refusedWith(ErrorCode code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable item) {
                return item instanceof TandemException e && e.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("TandemException with code " + code);
            }
        };
    }
}
