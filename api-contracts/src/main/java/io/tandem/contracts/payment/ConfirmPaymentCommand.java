package io.tandem.contracts.payment;

import io.tandem.contracts.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The provider confirmed the payment (webhook or status query). Ignored when the payment is already final. */
public record ConfirmPaymentCommand(@TargetAggregateIdentifier PaymentId paymentId, String providerReference, Instant at) {
}
