package io.tandem.contracts.follow;

import io.tandem.contracts.common.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** {@code actor} blocked {@code target}. Follows both ways end with {@link TraderUnfollowedEvent}s applied before this one; the target can no longer follow, comment on or like the actor's posts, and neither sees the other's posts. */
@Revision("1")
public record TraderBlockedEvent(RelationshipId relationshipId, UserId actor, UserId target, Instant at) {
}
