package io.tandem.contracts.follow;

import io.tandem.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Sets ({@code active}) or clears one relation of {@code actor} towards {@code target}, on the
 * relationship aggregate of the pair ({@link io.tandem.contracts.post.SocialIds#relationship}).
 * Idempotent: setting what is already set changes nothing. Answers the {@link RelationState} of the
 * actor towards the target afterwards. Following yourself is CANNOT_FOLLOW_SELF; following (or
 * being followed by) someone with a block between the two of you is BLOCKED.
 */
public record SetRelationCommand(@TargetAggregateIdentifier RelationshipId relationshipId, UserId actor, UserId target,
                                 Relation relation, boolean active, Instant at) {
}
