package io.tandem.contracts.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies an admin cash adjustment; the same id applied twice credits once.
 * <p>
 * Value semantics: {@code toString()} returns the raw id because Axon builds saga association
 * values and routing keys from it.
 */
public record AdjustmentId(@JsonValue String value) {

    public AdjustmentId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("AdjustmentId must not be blank");
        }
    }

    @JsonCreator
    public static AdjustmentId of(String value) {
        return new AdjustmentId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
