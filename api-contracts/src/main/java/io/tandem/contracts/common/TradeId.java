package io.tandem.contracts.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies one execution between a maker and a taker order; unique per order book.
 * <p>
 * Value semantics: {@code toString()} returns the raw id because Axon builds saga association
 * values and routing keys from it.
 */
public record TradeId(@JsonValue String value) {

    public TradeId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("TradeId must not be blank");
        }
    }

    @JsonCreator
    public static TradeId of(String value) {
        return new TradeId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
