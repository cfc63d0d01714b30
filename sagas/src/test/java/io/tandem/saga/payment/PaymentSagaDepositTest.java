package io.tandem.saga.payment;

import io.tandem.contracts.account.CreditDepositCommand;
import io.tandem.contracts.account.DepositCreditedEvent;
import io.tandem.contracts.payment.*;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.Test;

import static io.tandem.saga.payment.PaymentSagaFixtures.*;
import static io.tandem.contracts.payment.PaymentDirection.DEPOSIT;
import static org.assertj.core.api.Assertions.assertThat;

/** A deposit from request to credit, when the provider answers by webhook (the Payment aggregate's events). */
class PaymentSagaDepositTest {

    private final ScriptedProvider provider = new ScriptedProvider();
    private final SagaTestFixture<PaymentSaga> fixture = fixtureWith(provider);

    @Test
    void aDepositRequestStartsASagaForThatPayment() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(depositRequested())
                .expectActiveSagas(1)
                .expectAssociationWith(PaymentSaga.PAYMENT_ID, PAYMENT);
    }

    @Test
    void aDepositRequestAsksTheProviderToCollectAndRecordsItsAcceptance() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(depositRequested())
                .expectDispatchedCommands(new RecordPaymentInitiatedCommand(PAYMENT, REFERENCE, T0));
        assertThat(provider.deposits).containsExactly(PAYMENT);
    }

    @Test
    void aDepositRequestSchedulesTheFirstStatusCheck() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(depositRequested())
                .expectScheduledDeadlineWithName(FIRST_CHECK, PaymentSaga.STATUS_CHECK);
    }

    @Test
    void aProviderThatFailsTheRequestIsLeftToTheStatusCheck() {
        provider.refusesInitiations(1);
        fixture.givenNoPriorActivity()
                .whenPublishingA(depositRequested())
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(FIRST_CHECK, PaymentSaga.STATUS_CHECK);
    }

    @Test
    void aPaymentThroughAnUnknownProviderFailsAtOnce() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(new DepositRequestedEvent(PAYMENT, ACCOUNT, ALICE, AMOUNT, "nobody", T0))
                .expectDispatchedCommands(new FailPaymentCommand(PAYMENT, "nobody", PaymentSaga.UNKNOWN_PROVIDER, T0))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aConfirmationCreditsTheDeposit() {
        fixture.givenAPublished(depositRequested())
                .whenPublishingA(confirmed(DEPOSIT))
                .expectDispatchedCommands(new CreditDepositCommand(ACCOUNT, PAYMENT));
    }

    @Test
    void aConfirmationCancelsTheStatusCheck() {
        fixture.givenAPublished(depositRequested())
                .whenPublishingA(confirmed(DEPOSIT))
                .expectNoScheduledDeadlineMatching(deadlineNamed(PaymentSaga.STATUS_CHECK));
    }

    @Test
    void aConfirmationWatchesTheCreditUntilTheAccountConfirmsIt() {
        fixture.givenAPublished(depositRequested())
                .whenPublishingA(confirmed(DEPOSIT))
                .expectScheduledDeadlineWithName(SETTINGS.statusCheckDelay(), PaymentSaga.ACCOUNT_RETRY);
    }

    @Test
    void anUnconfirmedCreditIsSentAgain() {
        fixture.givenAPublished(depositRequested())
                .andThenAPublished(confirmed(DEPOSIT))
                .whenTimeElapses(SETTINGS.statusCheckDelay())
                .expectDispatchedCommands(new CreditDepositCommand(ACCOUNT, PAYMENT))
                .expectScheduledDeadlineWithName(SETTINGS.statusCheckDelay(), PaymentSaga.ACCOUNT_RETRY);
    }

    @Test
    void theCreditEndsTheSaga() {
        fixture.givenAPublished(depositRequested())
                .andThenAPublished(confirmed(DEPOSIT))
                .whenPublishingA(new DepositCreditedEvent(ACCOUNT, PAYMENT, AMOUNT))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void theCreditCancelsEveryDeadline() {
        fixture.givenAPublished(depositRequested())
                .andThenAPublished(confirmed(DEPOSIT))
                .whenPublishingA(new DepositCreditedEvent(ACCOUNT, PAYMENT, AMOUNT))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aDuplicateConfirmationCreditsNothingMore() {
        fixture.givenAPublished(depositRequested())
                .andThenAPublished(confirmed(DEPOSIT))
                .whenPublishingA(confirmed(DEPOSIT))
                .expectNoDispatchedCommands();
    }

    @Test
    void aDeclinedDepositMovesNothingAndEndsTheSaga() {
        fixture.givenAPublished(depositRequested())
                .whenPublishingA(failed(DEPOSIT, "CARD_DECLINED"))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void aConfirmationAfterTheDepositFailedFindsNoSagaAndMovesNothing() {
        fixture.givenAPublished(depositRequested())
                .andThenAPublished(failed(DEPOSIT, PaymentSaga.TIMEOUT))
                .whenPublishingA(confirmed(DEPOSIT))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
    }

    @Test
    void aCreditArrivingTwiceIsHarmless() {
        fixture.givenAPublished(depositRequested())
                .andThenAPublished(confirmed(DEPOSIT))
                .andThenAPublished(new DepositCreditedEvent(ACCOUNT, PAYMENT, AMOUNT))
                .whenPublishingA(new DepositCreditedEvent(ACCOUNT, PAYMENT, AMOUNT))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
    }
}
