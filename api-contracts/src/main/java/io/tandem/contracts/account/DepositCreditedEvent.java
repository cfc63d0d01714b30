package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import io.tandem.contracts.payment.PaymentId;
import org.axonframework.serialization.Revision;

/** Available cash grew by {@code amount}: money entered the platform. */
@Revision("1")
public record DepositCreditedEvent(AccountId accountId, PaymentId paymentId, Cash amount) {
}
