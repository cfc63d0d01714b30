package io.tandem.contracts.follow;

import io.tandem.contracts.common.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** {@code actor} now follows {@code target}. */
@Revision("1")
public record TraderFollowedEvent(RelationshipId relationshipId, UserId actor, UserId target, Instant at) {
}
