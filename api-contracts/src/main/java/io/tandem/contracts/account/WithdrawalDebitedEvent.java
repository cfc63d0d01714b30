package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import io.tandem.contracts.payment.PaymentId;
import org.axonframework.serialization.Revision;

/** Reserved cash fell by {@code amount}: money left the platform. */
@Revision("1")
public record WithdrawalDebitedEvent(AccountId accountId, PaymentId paymentId, Cash amount) {
}
