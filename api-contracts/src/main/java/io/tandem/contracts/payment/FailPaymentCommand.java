package io.tandem.contracts.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * The provider declined the payment, or it timed out and was cancelled at the provider.
 * {@code provider} is the provider that answered: a payment refuses an answer from any provider but
 * its own. Ignored when the payment has already failed; recorded as a conflict when it had already
 * been confirmed.
 */
public record FailPaymentCommand(@TargetAggregateIdentifier PaymentId paymentId, String provider, String reason, Instant at) {
}
