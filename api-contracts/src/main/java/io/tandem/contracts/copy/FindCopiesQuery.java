package io.tandem.contracts.copy;

/** The copies {@code viewer} started from {@code fromAccountId} (all of them for an admin), newest first, as a {@link CopyList}. */
public record FindCopiesQuery(String fromAccountId, String viewer, boolean admin) {
}
