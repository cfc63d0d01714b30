package io.tandem.contracts.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * The provider confirmed the payment (webhook or status query). {@code provider} is the provider
 * that answered: a payment refuses an answer from any provider but its own. Ignored when the
 * payment is already confirmed; recorded as a conflict when it had already failed.
 */
public record ConfirmPaymentCommand(@TargetAggregateIdentifier PaymentId paymentId, String provider,
                                    String providerReference, Instant at) {
}
