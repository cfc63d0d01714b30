package io.tandem.contracts.marketdata;

import io.tandem.contracts.common.Symbol;

/** Subscription query: each new trade of the book as a {@link TradeView}, never during a replay. Initial result: {@code true}. */
public record TradeUpdatesQuery(Symbol symbol) {
}
