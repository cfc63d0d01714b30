package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import io.tandem.contracts.payment.PaymentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The payout was confirmed: the reserved amount leaves the platform. Idempotent by payment id. */
public record DebitWithdrawalCommand(@TargetAggregateIdentifier AccountId accountId, PaymentId paymentId) {
}
