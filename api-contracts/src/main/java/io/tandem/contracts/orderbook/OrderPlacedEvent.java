package io.tandem.contracts.orderbook;

import io.tandem.contracts.common.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The order was accepted by the book (its reservation was made before); matching events follow.
 * {@code timeInForce} is the one requested; a market order asked for GTC trades as IOC
 * ({@link TimeInForce#of(OrderType)}).
 * <p>
 * Revision 2 added two nullable fields. {@code owner} is the user who owns the account; a revision 1
 * payload has none, and self-trade prevention then compares the order's account only, as it did when
 * that order was placed. {@code clientOrderId} is the id the client placed the order under, so that
 * order entry's table of client order ids can be rebuilt from the event log; it is null in revision 1
 * payloads and for orders that did not come from a client.
 */
@Revision("2")
public record OrderPlacedEvent(Symbol symbol, OrderId orderId, AccountId accountId, Side side, OrderType type, Price limitPrice, Quantity quantity, TimeInForce timeInForce, Instant placedAt, UserId owner, String clientOrderId) {

    /** An order without a client order id. */
    public OrderPlacedEvent(Symbol symbol, OrderId orderId, AccountId accountId, Side side, OrderType type, Price limitPrice,
                            Quantity quantity, TimeInForce timeInForce, Instant placedAt, UserId owner) {
        this(symbol, orderId, accountId, side, type, limitPrice, quantity, timeInForce, placedAt, owner, null);
    }
}
