package io.tandem.contracts.post;

import io.tandem.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Deletes a post; only its author or an admin may (FORBIDDEN otherwise). Deleting a deleted post changes nothing. */
public record DeletePostCommand(@TargetAggregateIdentifier PostId postId, UserId caller, boolean admin, Instant at) {
}
