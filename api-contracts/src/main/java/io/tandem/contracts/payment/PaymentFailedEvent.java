package io.tandem.contracts.payment;

import io.tandem.contracts.common.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Final: no money moved. A withdrawal reservation is released after this. */
@Revision("1")
public record PaymentFailedEvent(PaymentId paymentId, AccountId accountId, PaymentDirection direction, Cash amount, String reason, Instant at) {
}
