package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import org.axonframework.serialization.Revision;

/** The order closed but some of its fills have not settled yet; the rest is released after the last one. */
@Revision("1")
public record ReservationClosingEvent(AccountId accountId, OrderId orderId, Quantity filledQuantity) {
}
