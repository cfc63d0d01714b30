package io.tandem.infra.payment;

import io.tandem.contracts.payment.PaymentId;
import io.tandem.saga.payment.ProviderStatus;

import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

/**
 * One payment inside the simulator. Its outcome is drawn when it is initiated; it stays PENDING until
 * its completion runs (or forever, for a payment drawn to time out) or it is cancelled. Completion and
 * cancellation race on the simulator's threads and the saga's, so every transition holds this lock and
 * the first one wins.
 */
final class SimulatedPayment {

    /** What the simulated provider will eventually do with the payment. */
    enum Outcome { CONFIRM, DECLINE, TIME_OUT }

    private final PaymentId id;
    private final String reference;
    private final Outcome outcome;
    private final String declineReason;
    private ProviderStatus status = ProviderStatus.pending();
    private ScheduledFuture<?> completion;

    SimulatedPayment(PaymentId id, String reference, Outcome outcome, String declineReason) {
        this.id = id;
        this.reference = reference;
        this.outcome = outcome;
        this.declineReason = declineReason;
    }

    String reference() {
        return reference;
    }

    synchronized ProviderStatus status() {
        return status;
    }

    synchronized void completesWith(ScheduledFuture<?> scheduled) {
        this.completion = scheduled;
    }

    /** Applies the drawn outcome; the notice to send, or empty when cancelled first or timing out. */
    synchronized Optional<ProviderNotice> complete() {
        if (status.kind() != ProviderStatus.Kind.PENDING || outcome == Outcome.TIME_OUT) {
            return Optional.empty();
        }
        status = outcome == Outcome.CONFIRM ? ProviderStatus.confirmed(reference) : ProviderStatus.declined(declineReason);
        return Optional.of(new ProviderNotice(id, status));
    }

    /** A completed payment keeps its outcome; a pending one is declined as cancelled and never completes. */
    synchronized ProviderStatus cancel() {
        if (status.kind() == ProviderStatus.Kind.PENDING) {
            status = ProviderStatus.declined(ProviderStatus.CANCELLED);
            if (completion != null) {
                completion.cancel(false);
            }
        }
        return status;
    }
}
