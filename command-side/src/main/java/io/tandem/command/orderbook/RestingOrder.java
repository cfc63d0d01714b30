package io.tandem.command.orderbook;

import io.tandem.contracts.common.Side;

/**
 * Mutable node of the engine: an order linked into its price level's FIFO queue, so that removing
 * it from the middle of a queue (cancel, amend) costs no search.
 */
final class RestingOrder {

    final String orderId;
    final String accountId;
    final Side side;
    final String owner;
    long price;
    long quantity;
    long filled;

    PriceLevel level;
    RestingOrder prev;
    RestingOrder next;

    RestingOrder(BookOrder order) {
        this.orderId = order.orderId();
        this.accountId = order.accountId();
        this.side = order.side();
        this.owner = order.owner();
        this.price = order.price();
        this.quantity = order.quantity();
        this.filled = order.filled();
    }

    long open() {
        return quantity - filled;
    }

    BookOrder view() {
        return new BookOrder(orderId, accountId, side, price, quantity, filled, owner);
    }
}
