package io.tandem.command.payment;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.payment.*;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One deposit or withdrawal, identified by the id payment entry derives from its account and the
 * client's payment id ({@link PaymentIds}): REQUESTED, then PENDING once the provider accepted it,
 * then CONFIRMED or FAILED, which are final.
 * <p>
 * This is where duplicates stop. A retried request with the same details answers the current
 * status; with other details it is refused (PAYMENT_CONFLICT). Confirmations and failures arrive
 * from webhooks and status queries, possibly twice, late or in the wrong order: the first one that
 * makes the payment final wins and every later one is ignored, so the account is credited or debited
 * at most once. Each handler answers the payment's status after it. Times come in the commands.
 * <p>
 * A payment is bound to the provider it was requested through: an answer naming any other provider
 * is refused exactly as an unknown payment is (PAYMENT_NOT_FOUND), so one provider's webhook can
 * neither settle nor probe another provider's payments. An answer that contradicts the final status
 * (a confirmation of a failed payment, a decline of a confirmed one) moves nothing either, but it is
 * not silent: it is recorded as a {@link PaymentOutcomeConflictedEvent} and logged as an error, since
 * money may have moved at the provider that the platform did not book. Each distinct contradiction is
 * recorded once; an answer that agrees with the final status is a silent duplicate.
 * <p>
 * Payments are not snapshotted (each has a handful of events). The {@code @Revision} names the
 * layout a snapshot would have, so that one added later is filtered by revision like the others.
 */
@Revision("1")
@Aggregate
public class Payment {

    private static final Logger log = LoggerFactory.getLogger(Payment.class);

    @AggregateIdentifier
    private PaymentId paymentId;
    private PaymentDirection direction;
    private AccountId accountId;
    private Cash amount;
    private String provider;
    private PaymentStatus status;
    /** The contradictions already recorded, by what was reported and its detail, so a repeated one is recorded once. */
    private final Set<String> conflicts = new HashSet<>();

    protected Payment() {
        // Axon rebuilds the payment from its events.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public PaymentStatus handle(RequestDepositCommand command) {
        if (isRepeat(PaymentDirection.DEPOSIT, command.accountId(), command.amount(), command.provider())) {
            return status;
        }
        apply(new DepositRequestedEvent(command.paymentId(), command.accountId(), command.requestedBy(), command.amount(),
                command.provider(), command.requestedAt()));
        return status;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public PaymentStatus handle(RequestWithdrawalCommand command) {
        if (isRepeat(PaymentDirection.WITHDRAWAL, command.accountId(), command.amount(), command.provider())) {
            return status;
        }
        apply(new WithdrawalRequestedEvent(command.paymentId(), command.accountId(), command.requestedBy(), command.amount(),
                command.provider(), command.requestedAt()));
        return status;
    }

    @CommandHandler
    public PaymentStatus handle(RecordPaymentInitiatedCommand command) {
        if (status == PaymentStatus.REQUESTED) {
            apply(new PaymentInitiatedEvent(paymentId, accountId, direction, command.providerReference(), command.at()));
        }
        return status;
    }

    @CommandHandler
    public PaymentStatus handle(ConfirmPaymentCommand command) {
        answeredBy(command.provider());
        if (!status.isFinal()) {
            apply(new PaymentConfirmedEvent(paymentId, accountId, direction, amount, command.providerReference(), command.at()));
        } else if (status == PaymentStatus.FAILED) {
            contradicted(PaymentStatus.CONFIRMED, command.providerReference(), command.at());
        }
        return status;
    }

    @CommandHandler
    public PaymentStatus handle(FailPaymentCommand command) {
        answeredBy(command.provider());
        if (!status.isFinal()) {
            apply(new PaymentFailedEvent(paymentId, accountId, direction, amount, command.reason(), command.at()));
        } else if (status == PaymentStatus.CONFIRMED) {
            contradicted(PaymentStatus.FAILED, command.reason(), command.at());
        }
        return status;
    }

    /** Refuses an answer from any provider but this payment's own, in the words used for a payment that does not exist. */
    private void answeredBy(String answering) {
        if (!Objects.equals(provider, answering)) {
            throw new TandemException(ErrorCode.PAYMENT_NOT_FOUND, "no payment " + paymentId);
        }
    }

    private void contradicted(PaymentStatus reported, String detail, Instant at) {
        if (conflicts.contains(conflictKey(reported, detail))) {
            return;
        }
        log.error("Payment {} ({} of {} on account {}) is {} but provider {} now reports {} ({}); nothing moved, it needs reconciling",
                paymentId, direction, amount, accountId, status, provider, reported, detail);
        apply(new PaymentOutcomeConflictedEvent(paymentId, accountId, direction, amount, status, reported, detail, at));
    }

    private static String conflictKey(PaymentStatus reported, String detail) {
        return reported + ":" + detail;
    }

    /** Whether this request repeats the one that created the payment; a request for anything else is a conflict. */
    private boolean isRepeat(PaymentDirection requested, AccountId account, Cash requestedAmount, String requestedProvider) {
        if (requestedAmount == null || !requestedAmount.isPositive()) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "a payment amount must be positive");
        }
        if (paymentId == null) {
            return false;
        }
        if (direction != requested || !accountId.equals(account) || !amount.equals(requestedAmount)
                || !Objects.equals(provider, requestedProvider)) {
            throw new TandemException(ErrorCode.PAYMENT_CONFLICT, "payment " + paymentId + " already exists as a "
                    + direction + " of " + amount + " on account " + accountId + " through " + provider);
        }
        return true;
    }

    @EventSourcingHandler
    void on(DepositRequestedEvent event) {
        requested(event.paymentId(), PaymentDirection.DEPOSIT, event.accountId(), event.amount(), event.provider());
    }

    @EventSourcingHandler
    void on(WithdrawalRequestedEvent event) {
        requested(event.paymentId(), PaymentDirection.WITHDRAWAL, event.accountId(), event.amount(), event.provider());
    }

    private void requested(PaymentId id, PaymentDirection requestedDirection, AccountId account, Cash requestedAmount, String via) {
        paymentId = id;
        direction = requestedDirection;
        accountId = account;
        amount = requestedAmount;
        provider = via;
        status = PaymentStatus.REQUESTED;
    }

    @EventSourcingHandler
    void on(PaymentInitiatedEvent event) {
        status = PaymentStatus.PENDING;
    }

    @EventSourcingHandler
    void on(PaymentConfirmedEvent event) {
        status = PaymentStatus.CONFIRMED;
    }

    @EventSourcingHandler
    void on(PaymentFailedEvent event) {
        status = PaymentStatus.FAILED;
    }

    @EventSourcingHandler
    void on(PaymentOutcomeConflictedEvent event) {
        conflicts.add(conflictKey(event.reported(), event.detail()));
    }
}
