package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import io.tandem.contracts.payment.PaymentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Moves the amount from available to reserved before anything is paid out; {@code requestedBy} must own the account. Idempotent by payment id. */
public record ReserveWithdrawalCommand(@TargetAggregateIdentifier AccountId accountId, PaymentId paymentId, UserId requestedBy, Cash amount) {
}
