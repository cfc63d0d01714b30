package io.tandem.contracts.marketdata;

import io.tandem.contracts.common.Symbol;

/**
 * Subscription query: a {@link MarketChange} after each projection batch that changed the book's
 * candles (all intervals), never during a replay; subscribers read the newest candle again.
 * Initial result: {@code true}.
 */
public record CandleUpdatesQuery(Symbol symbol) {
}
