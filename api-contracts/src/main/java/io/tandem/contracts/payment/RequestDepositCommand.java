package io.tandem.contracts.payment;

import io.tandem.contracts.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Creates a deposit. The same payment id with the same details again changes nothing; with other details it is refused with PAYMENT_CONFLICT. */
public record RequestDepositCommand(@TargetAggregateIdentifier PaymentId paymentId, AccountId accountId, UserId requestedBy, Cash amount, String provider, Instant requestedAt) {
}
