package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import io.tandem.contracts.payment.PaymentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records an incoming deposit on the account before the provider is asked; {@code requestedBy} must own the account. No balance changes until it is credited. Idempotent by payment id. */
public record AcceptDepositCommand(@TargetAggregateIdentifier AccountId accountId, PaymentId paymentId, UserId requestedBy, Cash amount) {
}
