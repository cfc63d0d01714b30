package io.tandem.contracts.copy;

/** A copy's orders and skips, newest first, as a {@link CopyOrderPage}. The caller has checked access to the copy. */
public record FindCopyOrdersQuery(String copyId, int first, String after) {
}
