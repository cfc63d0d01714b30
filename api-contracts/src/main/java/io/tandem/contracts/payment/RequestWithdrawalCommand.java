package io.tandem.contracts.payment;

import io.tandem.contracts.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Creates a withdrawal whose cash is already reserved on the account. Idempotent like {@link RequestDepositCommand}. */
public record RequestWithdrawalCommand(@TargetAggregateIdentifier PaymentId paymentId, AccountId accountId, UserId requestedBy, Cash amount, String provider, Instant requestedAt) {
}
