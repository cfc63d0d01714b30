package io.tandem.contracts.follow;

import io.tandem.contracts.common.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** {@code actor} unblocked {@code target}; follows that the block ended stay ended. */
@Revision("1")
public record TraderUnblockedEvent(RelationshipId relationshipId, UserId actor, UserId target, Instant at) {
}
