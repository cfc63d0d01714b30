package io.tandem.contracts.payment;

import io.tandem.contracts.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The provider accepted the payment and is processing it. Ignored once the payment is past REQUESTED. */
public record RecordPaymentInitiatedCommand(@TargetAggregateIdentifier PaymentId paymentId, String providerReference, Instant at) {
}
