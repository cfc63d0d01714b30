package io.tandem.contracts.follow;

import io.tandem.contracts.common.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** {@code actor} muted {@code target}: the target's posts leave and stay out of the actor's feed, and the target's actions notify the actor no more. */
@Revision("1")
public record TraderMutedEvent(RelationshipId relationshipId, UserId actor, UserId target, Instant at) {
}
