package io.tandem.contracts.payment;

import io.tandem.contracts.common.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Final: the money moved at the provider. The account is credited (deposit) or debited (withdrawal) after this. */
@Revision("1")
public record PaymentConfirmedEvent(PaymentId paymentId, AccountId accountId, PaymentDirection direction, Cash amount, String providerReference, Instant at) {
}
