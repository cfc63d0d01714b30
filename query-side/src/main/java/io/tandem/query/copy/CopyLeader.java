package io.tandem.query.copy;

/** The schema's CopyLeader: the leader a copy follows, by their current handle. */
public record CopyLeader(String handle) {
}
