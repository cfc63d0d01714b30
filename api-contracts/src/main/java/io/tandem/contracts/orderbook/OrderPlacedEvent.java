package io.tandem.contracts.orderbook;

import io.tandem.contracts.common.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The order was accepted by the book (its reservation was made before); matching events follow.
 * {@code timeInForce} is the one requested; a market order asked for GTC trades as IOC
 * ({@link TimeInForce#of(OrderType)}). Revision 2 adds {@code owner}, the user who owns the
 * account; a revision 1 payload has none (null), and self-trade prevention then compares the
 * order's account only, as it did when that order was placed.
 */
@Revision("2")
public record OrderPlacedEvent(Symbol symbol, OrderId orderId, AccountId accountId, Side side, OrderType type, Price limitPrice, Quantity quantity, TimeInForce timeInForce, Instant placedAt, UserId owner) {
}
