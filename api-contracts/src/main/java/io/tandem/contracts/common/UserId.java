package io.tandem.contracts.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies an authenticated user (the JWT subject).
 * <p>
 * Value semantics: {@code toString()} returns the raw id because Axon builds saga association
 * values and routing keys from it.
 */
public record UserId(@JsonValue String value) {

    public UserId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("UserId must not be blank");
        }
    }

    @JsonCreator
    public static UserId of(String value) {
        return new UserId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
