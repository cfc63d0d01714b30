package io.tandem.projection.marketdata;

import io.tandem.contracts.marketdata.CandleInterval;

import java.time.Instant;

/**
 * Field names and keys of the candles read model
 * ({@link io.tandem.projection.support.ReadModelCollections#CANDLES}). A candle:
 * <pre>{ _id: symbol U+0001 interval U+0001 start (epoch seconds, 12 digits), symbol, interval, start (epoch seconds),
 *   open, high, low, close (ticks), volume (lots), trades, lastSeq }</pre>
 * Only buckets with a trade are stored. The key sorts a book's candles of one interval by start, so
 * a range of buckets is a range of {@code _id}s: no secondary index, and the embedded backend looks
 * such a range up by key.
 */
final class CandleDocuments {

    static final String SYMBOL = "symbol";
    static final String INTERVAL = "interval";
    static final String START = "start";
    static final String OPEN = "open";
    static final String HIGH = "high";
    static final String LOW = "low";
    static final String CLOSE = "close";
    static final String VOLUME = "volume";
    static final String TRADES = "trades";

    private static final char SEPARATOR = '\u0001';

    private CandleDocuments() {
    }

    /** What every candle key of the book and interval starts with. */
    static String prefix(String symbol, CandleInterval interval) {
        return symbol + SEPARATOR + interval.name() + SEPARATOR;
    }

    static String id(String symbol, CandleInterval interval, Instant start) {
        return prefix(symbol, interval) + key(start.getEpochSecond());
    }

    /** Epoch seconds zero-padded to a fixed width, so that keys sort as times do (from 1970 to year 33658). */
    static String key(long epochSecond) {
        return String.format("%012d", Math.max(0, epochSecond));
    }
}
