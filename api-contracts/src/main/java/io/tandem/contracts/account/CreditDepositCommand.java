package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import io.tandem.contracts.payment.PaymentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Credits a confirmed deposit to available cash. Idempotent by payment id. */
public record CreditDepositCommand(@TargetAggregateIdentifier AccountId accountId, PaymentId paymentId) {
}
