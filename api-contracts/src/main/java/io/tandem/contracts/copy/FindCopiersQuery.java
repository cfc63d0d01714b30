package io.tandem.contracts.copy;

/**
 * The live copies of the leader {@code handle} as a {@link CopierPage}: the count for everyone, the
 * copiers themselves only when {@code viewer} is the leader or an admin (otherwise no items).
 */
public record FindCopiersQuery(String handle, String viewer, boolean admin, int first, String after) {
}
