package io.tandem.contracts.orderbook;

import io.tandem.contracts.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Enters an order whose cash or position is already reserved. {@code limitPrice} is null for market
 * orders. The book matches it at once and answers with an {@link OrderResult}. {@code placedAt}
 * comes from the caller's clock so that the aggregate stays deterministic. {@code owner} is the user
 * who owns the account (order entry has checked it when reserving): the book refuses to let two
 * orders of one owner trade with each other, across all of that user's accounts. {@code clientOrderId}
 * is the id the client placed the order under (null when the order did not come from a client),
 * carried into {@link OrderPlacedEvent} so that order entry's idempotency table can be rebuilt from
 * the events.
 */
public record PlaceOrderCommand(@TargetAggregateIdentifier Symbol symbol, OrderId orderId, AccountId accountId, Side side, OrderType type, Price limitPrice, Quantity quantity, TimeInForce timeInForce, Instant placedAt, UserId owner, String clientOrderId) {

    /** An order without a client order id. */
    public PlaceOrderCommand(Symbol symbol, OrderId orderId, AccountId accountId, Side side, OrderType type, Price limitPrice,
                             Quantity quantity, TimeInForce timeInForce, Instant placedAt, UserId owner) {
        this(symbol, orderId, accountId, side, type, limitPrice, quantity, timeInForce, placedAt, owner, null);
    }
}
