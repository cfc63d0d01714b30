package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import io.tandem.contracts.payment.PaymentId;
import org.axonframework.serialization.Revision;

/** {@code amount} moved from available to reserved cash for a payout. */
@Revision("1")
public record WithdrawalReservedEvent(AccountId accountId, PaymentId paymentId, Cash amount) {
}
