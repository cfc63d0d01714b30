package io.tandem.contracts.copy;

/** A position of a COPY account: average cost is the quantity-weighted average of its buys (fees excluded), rounded half-even to the tick. */
public record CopyPositionView(String symbol, String quantity, String averagePrice, String lastPrice,
                               String marketValue, String unrealizedPnl) {
}
