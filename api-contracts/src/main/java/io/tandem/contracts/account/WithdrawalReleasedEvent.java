package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import io.tandem.contracts.payment.PaymentId;
import org.axonframework.serialization.Revision;

/** {@code amount} returned from reserved to available cash: the payout failed. */
@Revision("1")
public record WithdrawalReleasedEvent(AccountId accountId, PaymentId paymentId, Cash amount) {
}
