package io.tandem.saga.payment;

import io.tandem.contracts.account.CreditDepositCommand;
import io.tandem.contracts.payment.ConfirmPaymentCommand;
import io.tandem.contracts.payment.FailPaymentCommand;
import io.tandem.contracts.payment.RecordPaymentInitiatedCommand;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.tandem.contracts.payment.PaymentDirection.DEPOSIT;
import static io.tandem.saga.payment.PaymentSagaFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When no webhook arrives: the saga's status checks, their backoff, re-initiation of a payment the
 * provider never got, and the cancel at the provider after the last check.
 */
class PaymentSagaStatusCheckTest {

    private static final Instant AT_FIRST_CHECK = T0.plus(FIRST_CHECK);
    private static final Instant AT_SECOND_CHECK = AT_FIRST_CHECK.plus(SECOND_CHECK);
    private static final Instant AT_THIRD_CHECK = AT_SECOND_CHECK.plus(THIRD_CHECK);

    private final ScriptedProvider provider = new ScriptedProvider();
    private final SagaTestFixture<PaymentSaga> fixture = fixtureWith(provider);

    @Test
    void aStatusCheckThatFindsThePaymentConfirmedConfirmsIt() {
        provider.answersStatus(ProviderStatus.confirmed("sim-ref"));
        fixture.givenAPublished(depositRequested())
                .whenTimeElapses(FIRST_CHECK)
                .expectDispatchedCommands(new ConfirmPaymentCommand(PAYMENT, ScriptedProvider.NAME, "sim-ref", AT_FIRST_CHECK));
    }

    @Test
    void aStatusCheckThatFindsThePaymentDeclinedFailsItWithTheProvidersReason() {
        provider.answersStatus(ProviderStatus.declined("INSUFFICIENT_BALANCE"));
        fixture.givenAPublished(depositRequested())
                .whenTimeElapses(FIRST_CHECK)
                .expectDispatchedCommands(new FailPaymentCommand(PAYMENT, ScriptedProvider.NAME, "INSUFFICIENT_BALANCE", AT_FIRST_CHECK));
    }

    @Test
    void aFinalAnswerIsCheckedAgainLaterInCaseTheCommandWasLost() throws Exception {
        provider.answersStatus(ProviderStatus.confirmed("sim-ref"), ProviderStatus.confirmed("sim-ref"));
        fixture.givenAPublished(depositRequested())
                .andThenTimeElapses(FIRST_CHECK)
                .whenTimeElapses(SETTINGS.statusCheckDelay())
                .expectDispatchedCommands(new ConfirmPaymentCommand(PAYMENT, ScriptedProvider.NAME, "sim-ref", AT_FIRST_CHECK.plus(SETTINGS.statusCheckDelay())));
    }

    @Test
    void aPendingPaymentIsCheckedAgainAfterALongerWait() {
        fixture.givenAPublished(depositRequested())
                .whenTimeElapses(FIRST_CHECK)
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(SECOND_CHECK, PaymentSaga.STATUS_CHECK);
    }

    @Test
    void theWaitGrowsWithEveryPendingCheck() throws Exception {
        fixture.givenAPublished(depositRequested())
                .andThenTimeElapses(FIRST_CHECK)
                .whenTimeElapses(SECOND_CHECK)
                .expectScheduledDeadlineWithName(THIRD_CHECK, PaymentSaga.STATUS_CHECK);
    }

    @Test
    void aPaymentPendingAtFirstIsConfirmedByALaterStatusCheck() throws Exception {
        provider.answersStatus(ProviderStatus.pending(), ProviderStatus.confirmed("sim-ref"));
        fixture.givenAPublished(depositRequested())
                .andThenTimeElapses(FIRST_CHECK)
                .whenTimeElapses(SECOND_CHECK)
                .expectDispatchedCommands(new ConfirmPaymentCommand(PAYMENT, ScriptedProvider.NAME, "sim-ref", AT_SECOND_CHECK));
    }

    @Test
    void aConfirmationEventAfterAPendingCheckCreditsAndCancelsTheChecks() throws Exception {
        fixture.givenAPublished(depositRequested())
                .andThenTimeElapses(FIRST_CHECK)
                .whenPublishingA(confirmed(DEPOSIT))
                .expectDispatchedCommands(new CreditDepositCommand(ACCOUNT, PAYMENT))
                .expectNoScheduledDeadlineMatching(deadlineNamed(PaymentSaga.STATUS_CHECK));
    }

    @Test
    void aPaymentTheProviderNeverGotIsInitiatedAgain() {
        provider.answersStatus(ProviderStatus.unknown());
        fixture.givenAPublished(depositRequested())
                .whenTimeElapses(FIRST_CHECK)
                .expectDispatchedCommands(new RecordPaymentInitiatedCommand(PAYMENT, REFERENCE, AT_FIRST_CHECK))
                .expectScheduledDeadlineWithName(SECOND_CHECK, PaymentSaga.STATUS_CHECK);
        assertThat(provider.deposits).containsExactly(PAYMENT, PAYMENT);
    }

    @Test
    void aFailingStatusQueryCountsAsUnknownAndInitiatesAgain() {
        provider.refusesInitiations(1).answersStatus(new IllegalStateException("provider down"));
        fixture.givenAPublished(depositRequested())
                .whenTimeElapses(FIRST_CHECK)
                .expectDispatchedCommands(new RecordPaymentInitiatedCommand(PAYMENT, REFERENCE, AT_FIRST_CHECK))
                .expectScheduledDeadlineWithName(SECOND_CHECK, PaymentSaga.STATUS_CHECK);
    }

    @Test
    void afterTheLastCheckThePaymentIsCancelledAtTheProviderAndFailsWithTimeout() throws Exception {
        fixture.givenAPublished(depositRequested())
                .andThenTimeElapses(FIRST_CHECK)
                .andThenTimeElapses(SECOND_CHECK)
                .whenTimeElapses(THIRD_CHECK)
                .expectDispatchedCommands(new FailPaymentCommand(PAYMENT, ScriptedProvider.NAME, PaymentSaga.TIMEOUT, AT_THIRD_CHECK));
        assertThat(provider.cancels).containsExactly(PAYMENT);
    }

    @Test
    void aCancelThatFindsThePaymentCompletedConfirmsIt() throws Exception {
        provider.answersCancel(ProviderStatus.confirmed("sim-late"));
        fixture.givenAPublished(depositRequested())
                .andThenTimeElapses(FIRST_CHECK)
                .andThenTimeElapses(SECOND_CHECK)
                .whenTimeElapses(THIRD_CHECK)
                .expectDispatchedCommands(new ConfirmPaymentCommand(PAYMENT, ScriptedProvider.NAME, "sim-late", AT_THIRD_CHECK));
    }

    @Test
    void aCancelWithoutAnAnswerDecidesNothingAndTriesAgainLater() throws Exception {
        provider.answersCancel(new IllegalStateException("provider down"));
        fixture.givenAPublished(depositRequested())
                .andThenTimeElapses(FIRST_CHECK)
                .andThenTimeElapses(SECOND_CHECK)
                .whenTimeElapses(THIRD_CHECK)
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(SETTINGS.maxStatusCheckDelay(), PaymentSaga.STATUS_CHECK);
    }

    @Test
    void aLateConfirmationAfterTheTimeoutMovesNothing() throws Exception {
        fixture.givenAPublished(depositRequested())
                .andThenTimeElapses(FIRST_CHECK)
                .andThenTimeElapses(SECOND_CHECK)
                .andThenTimeElapses(THIRD_CHECK)
                .andThenAPublished(failed(DEPOSIT, PaymentSaga.TIMEOUT))
                .whenPublishingA(confirmed(DEPOSIT))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }
}
