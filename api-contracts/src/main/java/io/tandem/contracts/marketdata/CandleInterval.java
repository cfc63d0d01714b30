package io.tandem.contracts.marketdata;

import java.time.Duration;
import java.time.Instant;

/** Candle buckets: whole UTC minutes, hours and days, each starting inclusive and ending at the next start. */
public enum CandleInterval {
    M1(Duration.ofMinutes(1)),
    H1(Duration.ofHours(1)),
    D1(Duration.ofDays(1));

    private final Duration length;

    CandleInterval(Duration length) {
        this.length = length;
    }

    public Duration length() {
        return length;
    }

    /** The start of the bucket holding {@code at}: the epoch second rounded down to a whole bucket (UTC has no leap seconds here). */
    public Instant bucketStart(Instant at) {
        long seconds = length.getSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), seconds) * seconds);
    }
}
