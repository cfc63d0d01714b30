package io.tandem.contracts.post;

import io.tandem.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Deletes a comment: its author, the post's author or an admin may (FORBIDDEN otherwise); again changes nothing. */
public record DeleteCommentCommand(@TargetAggregateIdentifier CommentId commentId, UserId caller, boolean admin, Instant at) {
}
