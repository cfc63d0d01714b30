package io.tandem.contracts.orderbook;

import io.tandem.contracts.common.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The order left the book with {@code cancelledQuantity} unfilled. */
@Revision("1")
public record OrderCancelledEvent(Symbol symbol, OrderId orderId, AccountId accountId, Side side, Quantity filledQuantity, Quantity cancelledQuantity, CancelReason reason, Instant at) {
}
