package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import org.axonframework.serialization.Revision;

/** What was left of an order reservation went back to available (cash for a buy, quantity for a sell). */
@Revision("1")
public record ReservationReleasedEvent(AccountId accountId, OrderId orderId, Symbol symbol, Cash cash, Quantity quantity) {
}
