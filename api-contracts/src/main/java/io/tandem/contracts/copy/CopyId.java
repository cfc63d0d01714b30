package io.tandem.contracts.copy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies a copy relationship: one copier copying one leader with one allocation. Derived from
 * the copier and their client copy id ({@link CopyIds#copy}), so a retried start lands on the same copy.
 * {@code toString()} is the raw id (Axon routes by it).
 */
public record CopyId(@JsonValue String value) {

    public CopyId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("CopyId must not be blank");
        }
    }

    @JsonCreator
    public static CopyId of(String value) {
        return new CopyId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
