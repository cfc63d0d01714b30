package io.tandem.command.orderbook;

/** Aggregated view of one price level: open quantity and number of orders. */
public record DepthLevel(long price, long quantity, int orders) {
}
