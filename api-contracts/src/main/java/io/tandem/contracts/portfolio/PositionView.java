package io.tandem.contracts.portfolio;



/** {@code quantity} is what is available to sell; {@code reserved} is held by open sell orders. */
public record PositionView(String symbol, String quantity, String reserved) {
}
