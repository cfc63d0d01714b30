package io.tandem.projection.marketdata;

/**
 * Field names of the order-book read model. A book order:
 * <pre>{ _id: orderId, symbol, side, price (ticks), quantity, filled, remaining (lots), open, lastSeq }</pre>
 * A book: <pre>{ _id: symbol, listedAt, lastPrice (ticks, absent before the first trade), lastSeq }</pre>
 */
final class BookDocuments {

    static final String SYMBOL = "symbol";
    static final String SIDE = "side";
    static final String PRICE = "price";
    static final String QUANTITY = "quantity";
    static final String FILLED = "filled";
    static final String REMAINING = "remaining";
    static final String OPEN = "open";
    static final String LISTED_AT = "listedAt";
    static final String LAST_PRICE = "lastPrice";

    private BookDocuments() {
    }
}
