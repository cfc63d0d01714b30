package io.tandem.command.orderentry;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.orderbook.OrderResult;
import io.tandem.contracts.orderbook.OrderType;
import io.tandem.contracts.orderbook.TimeInForce;

import java.time.Instant;
import java.util.Optional;

/**
 * Order entry: the one door through which orders reach the books. Each call reserves what the
 * order needs on the account and hands the order to its book in a single transaction, so a
 * refusal at any step leaves nothing behind. Refusals are {@code TandemException}s with a code.
 */
public interface OrderEntry {

    /**
     * Places an order. The same {@code clientOrderId} for the same account with the same request
     * (symbol, side, type, price, quantity and time in force, numbers compared by value) returns the
     * original result and places nothing new; with a different request it is refused as
     * {@code ORDER_CONFLICT}. {@code price} is null for market orders.
     */
    OrderResult place(PlaceOrder request);

    /** Cancels a live order of the caller (or of anyone, for an admin). */
    OrderResult cancel(Caller caller, OrderId orderId, Instant now);

    /** Amends a live limit order; {@code newPrice} or {@code newQuantity} may be null (not both). */
    OrderResult amend(Caller caller, OrderId orderId, String newPrice, String newQuantity, Instant now);

    /** The instrument's spec, for formatting results at the edge. */
    Optional<InstrumentSpec> instrument(Symbol symbol);

    record Caller(UserId userId, boolean admin) {
    }

    record PlaceOrder(Caller caller,
                      AccountId accountId,
                      String clientOrderId,
                      Symbol symbol,
                      Side side,
                      OrderType type,
                      String price,
                      String quantity,
                      TimeInForce timeInForce,
                      Instant now) {
    }
}
