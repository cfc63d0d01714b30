package io.tandem.contracts.orderbook;

import io.tandem.contracts.common.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The order filled completely and left the book. */
@Revision("1")
public record OrderFilledEvent(Symbol symbol, OrderId orderId, AccountId accountId, Side side, Quantity filledQuantity, Instant at) {
}
