package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import io.tandem.contracts.payment.PaymentId;
import org.axonframework.serialization.Revision;

/** A deposit is expected; no balance effect. */
@Revision("1")
public record DepositAcceptedEvent(AccountId accountId, PaymentId paymentId, UserId requestedBy, Cash amount) {
}
