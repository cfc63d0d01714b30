package io.tandem.contracts.copy;

/** One copy as {@link CopyView}; empty when unknown or when {@code viewer} is neither its copier nor an admin. */
public record FindCopyQuery(String copyId, String viewer, boolean admin) {
}
