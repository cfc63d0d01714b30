package io.tandem.contracts.post;

import io.tandem.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Sets ({@code liked}) or clears {@code user}'s like of a post ({@code likeId} = {@link SocialIds#like}).
 * Idempotent; entry has checked the post and blocks for a like (an unlike is always allowed). Answers
 * whether the post is liked by the user afterwards.
 */
public record LikePostCommand(@TargetAggregateIdentifier PostLikeId likeId, PostId postId, UserId postAuthor, UserId user,
                              boolean liked, Instant at) {
}
