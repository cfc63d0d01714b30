package io.tandem.saga.payment;

import io.tandem.contracts.account.DebitWithdrawalCommand;
import io.tandem.contracts.account.ReleaseWithdrawalCommand;
import io.tandem.contracts.account.WithdrawalDebitedEvent;
import io.tandem.contracts.account.WithdrawalReleasedEvent;
import io.tandem.contracts.payment.FailPaymentCommand;
import io.tandem.contracts.payment.PaymentOutcomeConflictedEvent;
import io.tandem.contracts.payment.PaymentStatus;
import io.tandem.contracts.payment.RecordPaymentInitiatedCommand;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.Test;

import static io.tandem.contracts.payment.PaymentDirection.WITHDRAWAL;
import static io.tandem.saga.payment.PaymentSagaFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** A withdrawal: pay out, then debit the reservation on confirmation or release it on failure. */
class PaymentSagaWithdrawalTest {

    private final ScriptedProvider provider = new ScriptedProvider();
    private final SagaTestFixture<PaymentSaga> fixture = fixtureWith(provider);

    @Test
    void aWithdrawalRequestAsksTheProviderToPayOut() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(withdrawalRequested())
                .expectDispatchedCommands(new RecordPaymentInitiatedCommand(PAYMENT, REFERENCE, T0))
                .expectScheduledDeadlineWithName(FIRST_CHECK, PaymentSaga.STATUS_CHECK);
        assertThat(provider.payouts).containsExactly(PAYMENT);
        assertThat(provider.deposits).isEmpty();
    }

    @Test
    void aConfirmedPayoutDebitsTheReservation() {
        fixture.givenAPublished(withdrawalRequested())
                .whenPublishingA(confirmed(WITHDRAWAL))
                .expectDispatchedCommands(new DebitWithdrawalCommand(ACCOUNT, PAYMENT));
    }

    @Test
    void aFailedPayoutReleasesTheReservation() {
        fixture.givenAPublished(withdrawalRequested())
                .whenPublishingA(failed(WITHDRAWAL, "ACCOUNT_CLOSED"))
                .expectDispatchedCommands(new ReleaseWithdrawalCommand(ACCOUNT, PAYMENT))
                .expectActiveSagas(1);
    }

    @Test
    void aTimedOutPayoutIsCancelledFailedAndThenReleased() throws Exception {
        fixture.givenAPublished(withdrawalRequested())
                .andThenTimeElapses(FIRST_CHECK)
                .andThenTimeElapses(SECOND_CHECK)
                .andThenTimeElapses(THIRD_CHECK)
                .whenPublishingA(failed(WITHDRAWAL, PaymentSaga.TIMEOUT))
                .expectDispatchedCommands(new ReleaseWithdrawalCommand(ACCOUNT, PAYMENT));
        assertThat(provider.cancels).containsExactly(PAYMENT);
    }

    @Test
    void theTimeoutOfAPayoutFailsThePayment() throws Exception {
        fixture.givenAPublished(withdrawalRequested())
                .andThenTimeElapses(FIRST_CHECK)
                .andThenTimeElapses(SECOND_CHECK)
                .whenTimeElapses(THIRD_CHECK)
                .expectDispatchedCommands(new FailPaymentCommand(PAYMENT, ScriptedProvider.NAME, PaymentSaga.TIMEOUT,
                        T0.plus(FIRST_CHECK).plus(SECOND_CHECK).plus(THIRD_CHECK)));
    }

    @Test
    void anUnconfirmedReleaseIsSentAgain() {
        fixture.givenAPublished(withdrawalRequested())
                .andThenAPublished(failed(WITHDRAWAL, "ACCOUNT_CLOSED"))
                .whenTimeElapses(SETTINGS.statusCheckDelay())
                .expectDispatchedCommands(new ReleaseWithdrawalCommand(ACCOUNT, PAYMENT));
    }

    @Test
    void theDebitEndsTheSagaAndCancelsEveryDeadline() {
        fixture.givenAPublished(withdrawalRequested())
                .andThenAPublished(confirmed(WITHDRAWAL))
                .whenPublishingA(new WithdrawalDebitedEvent(ACCOUNT, PAYMENT, AMOUNT))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void theReleaseEndsTheSagaAndCancelsEveryDeadline() {
        fixture.givenAPublished(withdrawalRequested())
                .andThenAPublished(failed(WITHDRAWAL, "ACCOUNT_CLOSED"))
                .whenPublishingA(new WithdrawalReleasedEvent(ACCOUNT, PAYMENT, AMOUNT))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void aDuplicateConfirmationDebitsNothingMore() {
        fixture.givenAPublished(withdrawalRequested())
                .andThenAPublished(confirmed(WITHDRAWAL))
                .whenPublishingA(confirmed(WITHDRAWAL))
                .expectNoDispatchedCommands();
    }

    @Test
    void aFailureDeliveredAfterTheConfirmationReleasesNothing() {
        fixture.givenAPublished(withdrawalRequested())
                .andThenAPublished(confirmed(WITHDRAWAL))
                .whenPublishingA(failed(WITHDRAWAL, "LATE_DECLINE"))
                .expectNoDispatchedCommands();
    }

    @Test
    void aConfirmationDeliveredAfterTheFailureDebitsNothing() {
        fixture.givenAPublished(withdrawalRequested())
                .andThenAPublished(failed(WITHDRAWAL, PaymentSaga.TIMEOUT))
                .whenPublishingA(confirmed(WITHDRAWAL))
                .expectNoDispatchedCommands();
    }

    @Test
    void aConflictRecordedAfterTheTimeoutMovesNothingAndTheReleaseStillEndsTheSaga() {
        fixture.givenAPublished(withdrawalRequested())
                .andThenAPublished(failed(WITHDRAWAL, PaymentSaga.TIMEOUT))
                .andThenAPublished(new PaymentOutcomeConflictedEvent(PAYMENT, ACCOUNT, WITHDRAWAL, AMOUNT,
                        PaymentStatus.FAILED, PaymentStatus.CONFIRMED, "sim-late", T0))
                .whenPublishingA(new WithdrawalReleasedEvent(ACCOUNT, PAYMENT, AMOUNT))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
    }

    @Test
    void aDebitConfirmationArrivingTwiceIsHarmless() {
        fixture.givenAPublished(withdrawalRequested())
                .andThenAPublished(confirmed(WITHDRAWAL))
                .andThenAPublished(new WithdrawalDebitedEvent(ACCOUNT, PAYMENT, AMOUNT))
                .whenPublishingA(new WithdrawalDebitedEvent(ACCOUNT, PAYMENT, AMOUNT))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
    }
}
