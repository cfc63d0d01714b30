package io.tandem.contracts.follow;

import io.tandem.contracts.common.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** {@code actor} no longer follows {@code target}: by their own request, or because one of the two blocked the other ({@code reason}). */
@Revision("1")
public record TraderUnfollowedEvent(RelationshipId relationshipId, UserId actor, UserId target, UnfollowReason reason, Instant at) {
}
