package io.tandem.contracts.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A price in whole ticks of its instrument's tick size. The decimal form exists only at the edges
 * ({@link InstrumentSpec#priceOf(String)} and {@link InstrumentSpec#format(Price)}).
 */
public record Price(@JsonValue long ticks) implements Comparable<Price> {

    public Price {
        if (ticks <= 0) {
            throw new TandemException(ErrorCode.INVALID_PRICE, "price must be positive");
        }
    }

    @JsonCreator
    public static Price ofTicks(long ticks) {
        return new Price(ticks);
    }

    @Override
    public int compareTo(Price other) {
        return Long.compare(ticks, other.ticks);
    }

    @Override
    public String toString() {
        return ticks + "t";
    }
}
