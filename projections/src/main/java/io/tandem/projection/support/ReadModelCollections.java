package io.tandem.projection.support;

/**
 * Names of the MongoDB collections behind the read models, in one place so that a reset, a
 * side-by-side rebuild or an operator looking at the database finds them all. Each collection is
 * written by exactly one processing group; other features may read it. Groups that follow
 * aggregate streams also keep their {@linkplain #streamHeads stream heads}.
 */
public final class ReadModelCollections {

    /** Balances and positions per account; written by the {@code portfolio} group. */
    public static final String ACCOUNTS = "accounts";
    /** Every order with its status and fills; written by the {@code orders} group. */
    public static final String ORDERS = "orders";
    /** Limit orders with their remaining quantity, for depth; written by the {@code order-book} group. */
    public static final String BOOK_ORDERS = "book_orders";
    /** One document per order book with its last trade price; written by the {@code order-book} group. */
    public static final String BOOKS = "books";
    /** Executed trades per book; written by the {@code trade-tape} group. */
    public static final String TRADES = "trades";
    /** Deposits and withdrawals with their status history; written by the {@code payments-view} group. */
    public static final String PAYMENTS = "payments";
    /** Instrument specs and supply; written by the {@code instruments} group. */
    public static final String INSTRUMENTS = "instruments";

    private ReadModelCollections() {
    }

    /**
     * The stream heads of a processing group: per aggregate it follows, the last sequence number it
     * has handled ({@link AggregateStreams}); written by that group only and cleared by its reset.
     */
    public static String streamHeads(String processingGroup) {
        return processingGroup + "_streams";
    }
}
