package io.tandem.contracts.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies an order; derived from the account and the client order id so that order entry is idempotent.
 * <p>
 * Value semantics: {@code toString()} returns the raw id because Axon builds saga association
 * values and routing keys from it.
 */
public record OrderId(@JsonValue String value) {

    public OrderId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("OrderId must not be blank");
        }
    }

    @JsonCreator
    public static OrderId of(String value) {
        return new OrderId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
