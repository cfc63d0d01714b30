package io.tandem.contracts.payment;

import io.tandem.contracts.common.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record PaymentInitiatedEvent(PaymentId paymentId, AccountId accountId, PaymentDirection direction, String providerReference, Instant at) {
}
