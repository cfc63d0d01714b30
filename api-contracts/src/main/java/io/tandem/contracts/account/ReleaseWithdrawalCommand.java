package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import io.tandem.contracts.payment.PaymentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The payout failed: the reserved amount returns to available. Idempotent by payment id. */
public record ReleaseWithdrawalCommand(@TargetAggregateIdentifier AccountId accountId, PaymentId paymentId) {
}
