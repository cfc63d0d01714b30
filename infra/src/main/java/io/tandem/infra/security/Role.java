package io.tandem.infra.security;

/**
 * What a token may do. The {@code roles} claim carries these names; Spring sees them as
 * {@code ROLE_TRADER} and {@code ROLE_ADMIN}.
 */
public enum Role {
    TRADER, ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
