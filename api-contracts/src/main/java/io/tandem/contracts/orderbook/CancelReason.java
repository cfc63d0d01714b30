package io.tandem.contracts.orderbook;

/** Why an order (or its remainder) stopped being live. */
public enum CancelReason {
    /** The owner cancelled it. */
    USER_REQUESTED,
    /** IOC or market order: the part that did not fill at once. */
    IMMEDIATE_REMAINDER,
    /** FOK order that could not fill completely at once. */
    FILL_OR_KILL_UNFILLED,
    /**
     * Self-trade prevention: the incoming order would have traded with an order of the same owning
     * user (any of the user's accounts, COPY accounts included), or of the same account for orders
     * placed before orders carried their owner. Reported also for a FOK order that this stopped.
     */
    SELF_TRADE_PREVENTED
}
