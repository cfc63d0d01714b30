package io.tandem.contracts.orderbook;

import io.tandem.contracts.common.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The order was accepted by the book (its reservation was made before); matching events follow. */
@Revision("1")
public record OrderPlacedEvent(Symbol symbol, OrderId orderId, AccountId accountId, Side side, OrderType type, Price limitPrice, Quantity quantity, TimeInForce timeInForce, Instant placedAt) {
}
