package io.tandem.contracts.marketdata;

import io.tandem.contracts.common.*;

/** Answers an {@link OrderBookView} aggregated by price level, best prices first; null for an unknown symbol. */
public record FindOrderBookQuery(Symbol symbol, int depth) {
}
