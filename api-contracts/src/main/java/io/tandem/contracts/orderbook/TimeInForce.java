package io.tandem.contracts.orderbook;

/** GTC rests until filled or cancelled; IOC cancels whatever does not fill at once; FOK fills fully at once or not at all. */
public enum TimeInForce {
    GTC, IOC, FOK;

    /**
     * The time in force an order of {@code type} really has: a market order never rests, so one
     * asked for GTC trades as IOC; everything else trades as asked.
     */
    public TimeInForce of(OrderType type) {
        return type == OrderType.MARKET && this == GTC ? IOC : this;
    }
}
