package io.tandem.projection.portfolio;

import io.tandem.projection.support.Cursors;

import java.time.Instant;

/**
 * Field names of an order document in the orders read model:
 * <pre>
 * { _id: orderId, accountId, symbol, side, type, timeInForce (as traded: IOC for a market order
 *   asked for GTC), price (limit in ticks, null for market),
 *   quantity (lots), filled (lots), status, cancelReason, placedAt (ISO), placedKey, lastSeq }
 * </pre>
 * {@code placedKey} is the placement time in epoch nanoseconds: with the order id as tie-breaker it
 * gives orders a total order, newest first, that cursors can point into.
 */
final class OrderDocuments {

    static final String ACCOUNT_ID = "accountId";
    static final String SYMBOL = "symbol";
    static final String SIDE = "side";
    static final String TYPE = "type";
    static final String TIME_IN_FORCE = "timeInForce";
    static final String PRICE = "price";
    static final String QUANTITY = "quantity";
    static final String FILLED = "filled";
    static final String STATUS = "status";
    static final String CANCEL_REASON = "cancelReason";
    static final String PLACED_AT = "placedAt";
    static final String PLACED_KEY = "placedKey";

    private OrderDocuments() {
    }

    static long placedKey(Instant placedAt) {
        return Cursors.timeKey(placedAt);
    }
}
