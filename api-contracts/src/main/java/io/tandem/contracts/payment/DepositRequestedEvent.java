package io.tandem.contracts.payment;

import io.tandem.contracts.common.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record DepositRequestedEvent(PaymentId paymentId, AccountId accountId, UserId requestedBy, Cash amount, String provider, Instant requestedAt) {
}
