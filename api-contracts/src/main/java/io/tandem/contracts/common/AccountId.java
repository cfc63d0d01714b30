package io.tandem.contracts.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies an account: a trader's cash and positions, an issuer's inventory or the platform fee account.
 * <p>
 * Value semantics: {@code toString()} returns the raw id because Axon builds saga association
 * values and routing keys from it.
 */
public record AccountId(@JsonValue String value) {

    public AccountId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("AccountId must not be blank");
        }
    }

    @JsonCreator
    public static AccountId of(String value) {
        return new AccountId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
