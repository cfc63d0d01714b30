package io.tandem.contracts.marketdata;

/** An update of {@link OrderBookUpdatesQuery} or {@link CandleUpdatesQuery}: the book's read model changed. */
public record MarketChange(String symbol) {
}
