package io.tandem.contracts.follow;

/** One user's relations towards another, and whether the other blocked them. */
public record RelationState(boolean following, boolean muting, boolean blocking, boolean blockedByTarget) {
}
