package io.tandem.contracts.orderbook;

import io.tandem.contracts.common.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The order was accepted by the book (its reservation was made before); matching events follow.
 * <p>
 * Revision 2 added {@code clientOrderId}, the id the client placed the order under, so that order
 * entry's table of client order ids can be rebuilt from the event log. It is null in revision-1
 * payloads (orders placed before it was recorded) and for orders that did not come from a client.
 */
@Revision("2")
public record OrderPlacedEvent(Symbol symbol, OrderId orderId, AccountId accountId, Side side, OrderType type, Price limitPrice, Quantity quantity, TimeInForce timeInForce, Instant placedAt, String clientOrderId) {

    /** An order without a client order id. */
    public OrderPlacedEvent(Symbol symbol, OrderId orderId, AccountId accountId, Side side, OrderType type, Price limitPrice,
                            Quantity quantity, TimeInForce timeInForce, Instant placedAt) {
        this(symbol, orderId, accountId, side, type, limitPrice, quantity, timeInForce, placedAt, null);
    }
}
