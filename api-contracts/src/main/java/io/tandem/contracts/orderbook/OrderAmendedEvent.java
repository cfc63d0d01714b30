package io.tandem.contracts.orderbook;

import io.tandem.contracts.common.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** New limit price and new total quantity of a live order. */
@Revision("1")
public record OrderAmendedEvent(Symbol symbol, OrderId orderId, AccountId accountId, Price price, Quantity quantity, boolean priorityKept, Instant at) {
}
