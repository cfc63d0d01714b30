package io.tandem.contracts.marketdata;

import io.tandem.contracts.common.Symbol;

import java.time.Instant;

/**
 * A page of a book's candles, newest first, answering a {@link CandlePage}: every bucket from the
 * book's first trade on, a bucket without trades flat at the previous close with volume 0 and no
 * trades. {@code from} and {@code to} (null: unbounded; {@code to} null starts at the newest bucket
 * with a trade) bound the bucket starts, inclusive; {@code after} is the cursor of the last candle of
 * the previous page.
 */
public record FindCandlesQuery(Symbol symbol, CandleInterval interval, Instant from, Instant to, int first, String after) {
}
