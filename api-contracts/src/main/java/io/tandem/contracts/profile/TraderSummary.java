package io.tandem.contracts.profile;

/** A trader as lists show one; {@code cursor} is set in paginated lists. */
public record TraderSummary(String userId, String handle, String displayName, String cursor) {
}
