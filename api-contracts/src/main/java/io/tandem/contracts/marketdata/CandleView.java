package io.tandem.contracts.marketdata;

/** One candle: prices in tick precision and volume in lot precision, as decimal strings; {@code start} ISO-8601. */
public record CandleView(String symbol, CandleInterval interval, String start, String open, String high, String low,
                         String close, String volume, long trades, String cursor) {
}
