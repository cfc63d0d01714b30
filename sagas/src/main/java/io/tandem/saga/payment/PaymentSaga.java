package io.tandem.saga.payment;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.tandem.contracts.account.CreditDepositCommand;
import io.tandem.contracts.account.DebitWithdrawalCommand;
import io.tandem.contracts.account.DepositCreditedEvent;
import io.tandem.contracts.account.ReleaseWithdrawalCommand;
import io.tandem.contracts.account.WithdrawalDebitedEvent;
import io.tandem.contracts.account.WithdrawalReleasedEvent;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.payment.*;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * Carries one payment from request to the account: asks the provider to move the money, waits for
 * its answer (a webhook, or this saga's own status checks), and then credits the deposit, or debits
 * or releases the withdrawal's reservation.
 * <p>
 * The provider is called outside any guarantee: a call may fail or its answer may be lost. Every
 * provider operation is idempotent by payment id, so the saga simply asks again: a status check is
 * scheduled after the request and re-scheduled with exponential backoff while the payment is
 * pending; a provider that never got the payment (UNKNOWN, or an exception) is asked to initiate it
 * again. After the last check the payment is cancelled at the provider, and a provider that had
 * completed it after all wins over the timeout. Whatever the provider says goes through the Payment
 * aggregate, which keeps only the first final answer, so duplicate and late answers change nothing
 * (a late answer that contradicts it is recorded there for an operator, and moves nothing here). The
 * saga answers as its payment's own provider, the only one the payment accepts answers from.
 * <p>
 * Once the payment is final the status checks are cancelled and the account command is sent, and
 * sent again on a deadline until the account confirms it (the account commands are idempotent); then
 * every deadline is cancelled and the saga ends. A failed deposit moved nothing and ends at once.
 * Time comes from the messages handled, never from a clock. State is plain fields for the JSON saga
 * store; collaborators are handler parameters. Deadlines carry the payment id as their payload: a
 * deadline handler's first parameter is its payload, and a persistent deadline store should show
 * which payment a deadline belongs to.
 */
@Saga
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
@ProcessingGroup(PaymentSaga.PROCESSING_GROUP)
public class PaymentSaga {

    public static final String PROCESSING_GROUP = "payments";
    /** Association key: every event of a payment, on the payment and on its account, carries its id under this name. */
    public static final String PAYMENT_ID = "paymentId";
    /** Deadline: ask the provider where the payment stands. */
    public static final String STATUS_CHECK = "payment-status-check";
    /** Deadline: send the account command again, the account has not confirmed it yet. */
    public static final String ACCOUNT_RETRY = "payment-account-retry";
    /** Failure reason of a payment that the provider did not complete in time and that was cancelled there. */
    public static final String TIMEOUT = "TIMEOUT";
    /** Failure reason of a payment requested through a provider this application does not know. */
    public static final String UNKNOWN_PROVIDER = "UNKNOWN_PROVIDER";

    private static final Logger log = LoggerFactory.getLogger(PaymentSaga.class);

    private PaymentId paymentId;
    private AccountId accountId;
    private PaymentDirection direction;
    private Cash amount;
    private String provider;
    private int statusChecks;
    private PaymentStatus outcome;

    @StartSaga
    @SagaEventHandler(associationProperty = PAYMENT_ID)
    public void on(DepositRequestedEvent event, @Timestamp Instant at, CommandGateway commands, DeadlineManager deadlines,
                   PaymentProviders providers, PaymentSagaProperties settings) {
        begin(event.paymentId(), event.accountId(), PaymentDirection.DEPOSIT, event.amount(), event.provider());
        initiate(commands, deadlines, providers, settings, at);
    }

    @StartSaga
    @SagaEventHandler(associationProperty = PAYMENT_ID)
    public void on(WithdrawalRequestedEvent event, @Timestamp Instant at, CommandGateway commands, DeadlineManager deadlines,
                   PaymentProviders providers, PaymentSagaProperties settings) {
        begin(event.paymentId(), event.accountId(), PaymentDirection.WITHDRAWAL, event.amount(), event.provider());
        initiate(commands, deadlines, providers, settings, at);
    }

    private void begin(PaymentId id, AccountId account, PaymentDirection requested, Cash requestedAmount, String via) {
        paymentId = id;
        accountId = account;
        direction = requested;
        amount = requestedAmount;
        provider = via;
    }

    private void initiate(CommandGateway commands, DeadlineManager deadlines, PaymentProviders providers,
                          PaymentSagaProperties settings, Instant at) {
        if (!providers.contains(provider)) {
            log.error("Payment {} names provider '{}', which is not configured; failing it", paymentId, provider);
            send(commands, new FailPaymentCommand(paymentId, provider, UNKNOWN_PROVIDER, at));
            return;
        }
        askToInitiate(providers.get(provider), commands, at);
        deadlines.schedule(settings.delayBeforeCheck(1), STATUS_CHECK, paymentId);
    }

    /** Asks the provider where the payment stands, and acts on the answer. */
    @DeadlineHandler(deadlineName = STATUS_CHECK)
    public void checkStatus(PaymentId payment, @Timestamp Instant at, CommandGateway commands, DeadlineManager deadlines,
                            PaymentProviders providers, PaymentSagaProperties settings) {
        if (outcome != null) {
            return;
        }
        if (!providers.contains(provider)) {
            log.error("Payment {} is pending at provider '{}', which is no longer configured; it needs a hand", paymentId, provider);
            return;
        }
        PaymentProvider gateway = providers.get(provider);
        statusChecks++;
        ProviderStatus status = ask("status", () -> gateway.status(paymentId));
        switch (status.kind()) {
            case CONFIRMED -> settleWith(new ConfirmPaymentCommand(paymentId, provider, status.reference(), at), commands, deadlines, settings);
            case DECLINED -> settleWith(new FailPaymentCommand(paymentId, provider, status.reason(), at), commands, deadlines, settings);
            case PENDING, UNKNOWN -> {
                if (statusChecks >= settings.maxAttempts()) {
                    cancelAtProvider(gateway, commands, deadlines, settings, at);
                } else {
                    if (status.kind() == ProviderStatus.Kind.UNKNOWN) {
                        askToInitiate(gateway, commands, at);
                    }
                    deadlines.schedule(settings.delayBeforeCheck(statusChecks + 1), STATUS_CHECK, paymentId);
                }
            }
        }
    }

    /**
     * Out of patience: cancels at the provider. A provider that had completed the payment after all
     * says so, and the payment is confirmed; otherwise it fails with TIMEOUT. Without an answer the
     * outcome is unknown, so nothing is decided and the saga asks again later.
     */
    private void cancelAtProvider(PaymentProvider gateway, CommandGateway commands, DeadlineManager deadlines,
                                  PaymentSagaProperties settings, Instant at) {
        ProviderStatus answer = ask("cancel", () -> gateway.cancel(paymentId));
        switch (answer.kind()) {
            case CONFIRMED -> settleWith(new ConfirmPaymentCommand(paymentId, provider, answer.reference(), at), commands, deadlines, settings);
            case DECLINED -> settleWith(new FailPaymentCommand(paymentId, provider, TIMEOUT, at), commands, deadlines, settings);
            case PENDING, UNKNOWN -> deadlines.schedule(settings.maxStatusCheckDelay(), STATUS_CHECK, paymentId);
        }
    }

    /**
     * Sends the provider's final answer to the payment, and checks again later in case the command is
     * lost; the payment's final event cancels that check.
     */
    private void settleWith(Object command, CommandGateway commands, DeadlineManager deadlines, PaymentSagaProperties settings) {
        send(commands, command);
        deadlines.schedule(settings.statusCheckDelay(), STATUS_CHECK, paymentId);
    }

    @SagaEventHandler(associationProperty = PAYMENT_ID)
    public void on(PaymentConfirmedEvent event, CommandGateway commands, DeadlineManager deadlines, PaymentSagaProperties settings) {
        if (outcome != null) {
            return;
        }
        outcome = PaymentStatus.CONFIRMED;
        deadlines.cancelAllWithinScope(STATUS_CHECK);
        moveMoney(commands, deadlines, settings);
    }

    @SagaEventHandler(associationProperty = PAYMENT_ID)
    public void on(PaymentFailedEvent event, CommandGateway commands, DeadlineManager deadlines, PaymentSagaProperties settings) {
        if (outcome != null) {
            return;
        }
        outcome = PaymentStatus.FAILED;
        deadlines.cancelAllWithinScope(STATUS_CHECK);
        if (direction == PaymentDirection.DEPOSIT) {
            finish(deadlines);
        } else {
            moveMoney(commands, deadlines, settings);
        }
    }

    /** Sends the account command again: the account has not confirmed it yet. */
    @DeadlineHandler(deadlineName = ACCOUNT_RETRY)
    public void retryAccount(PaymentId payment, CommandGateway commands, DeadlineManager deadlines, PaymentSagaProperties settings) {
        if (outcome != null) {
            moveMoney(commands, deadlines, settings);
        }
    }

    @SagaEventHandler(associationProperty = PAYMENT_ID)
    public void on(DepositCreditedEvent event, DeadlineManager deadlines) {
        finish(deadlines);
    }

    @SagaEventHandler(associationProperty = PAYMENT_ID)
    public void on(WithdrawalDebitedEvent event, DeadlineManager deadlines) {
        finish(deadlines);
    }

    @SagaEventHandler(associationProperty = PAYMENT_ID)
    public void on(WithdrawalReleasedEvent event, DeadlineManager deadlines) {
        finish(deadlines);
    }

    private void moveMoney(CommandGateway commands, DeadlineManager deadlines, PaymentSagaProperties settings) {
        send(commands, accountCommand());
        deadlines.schedule(settings.statusCheckDelay(), ACCOUNT_RETRY, paymentId);
    }

    /** Credit a confirmed deposit; debit a confirmed withdrawal; release a failed one. */
    private Object accountCommand() {
        if (direction == PaymentDirection.DEPOSIT) {
            return new CreditDepositCommand(accountId, paymentId);
        }
        return outcome == PaymentStatus.CONFIRMED
                ? new DebitWithdrawalCommand(accountId, paymentId)
                : new ReleaseWithdrawalCommand(accountId, paymentId);
    }

    private void finish(DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(STATUS_CHECK);
        deadlines.cancelAllWithinScope(ACCOUNT_RETRY);
        SagaLifecycle.end();
    }

    private void askToInitiate(PaymentProvider gateway, CommandGateway commands, Instant at) {
        try {
            ProviderReceipt receipt = direction == PaymentDirection.DEPOSIT
                    ? gateway.initiateDeposit(paymentId, accountId, amount)
                    : gateway.initiatePayout(paymentId, accountId, amount);
            send(commands, new RecordPaymentInitiatedCommand(paymentId, receipt.providerReference(), at));
        } catch (RuntimeException e) {
            log.warn("Provider {} did not take payment {}; the next status check asks again", provider, paymentId, e);
        }
    }

    /** A provider call whose failure counts as "the provider does not know": the saga will ask again. */
    private ProviderStatus ask(String operation, Supplier<ProviderStatus> call) {
        try {
            ProviderStatus status = call.get();
            return status == null ? ProviderStatus.unknown() : status;
        } catch (RuntimeException e) {
            log.warn("Provider {} failed the {} of payment {}; treating it as unknown", provider, operation, paymentId, e);
            return ProviderStatus.unknown();
        }
    }

    private void send(CommandGateway commands, Object command) {
        commands.send(command).whenComplete((result, failure) -> {
            if (failure != null) {
                log.error("Payment {} could not send {}", paymentId, command.getClass().getSimpleName(), failure);
            }
        });
    }
}
