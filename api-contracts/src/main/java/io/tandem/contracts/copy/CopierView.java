package io.tandem.contracts.copy;

/** A live copy of a leader, as the leader (or an admin) sees it; {@code copierHandle} is null when the copier has no profile. */
public record CopierView(String copyId, String copier, String copierHandle, String status, String since, String cursor) {
}
