package io.tandem.contracts.payment;

import io.tandem.contracts.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The provider declined the payment, or it timed out and was cancelled at the provider. Ignored when already final. */
public record FailPaymentCommand(@TargetAggregateIdentifier PaymentId paymentId, String reason, Instant at) {
}
