package io.tandem.contracts.marketdata;

import io.tandem.contracts.common.Symbol;

/**
 * Subscription query: a {@link MarketChange} after each projection batch that changed the book's
 * depth, never during a replay; subscribers read the depth again. Initial result: {@code true}.
 */
public record OrderBookUpdatesQuery(Symbol symbol) {
}
