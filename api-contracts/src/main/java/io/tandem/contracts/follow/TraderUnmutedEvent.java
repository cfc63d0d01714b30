package io.tandem.contracts.follow;

import io.tandem.contracts.common.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** {@code actor} unmuted {@code target}. */
@Revision("1")
public record TraderUnmutedEvent(RelationshipId relationshipId, UserId actor, UserId target, Instant at) {
}
