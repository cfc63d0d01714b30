package io.tandem.contracts.post;

import io.tandem.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Comments on a post ({@code commentId} = {@link SocialIds#comment}). Entry has checked that the post
 * exists and is not deleted, that its author has not blocked the commenter, and the text and
 * mentions. Same request again: same comment; same client comment id with another text:
 * COMMENT_CONFLICT. Answers the {@link CommentId}.
 */
public record AddCommentCommand(@TargetAggregateIdentifier CommentId commentId, PostId postId, UserId postAuthor,
                                UserId author, String clientCommentId, String text, List<Mention> mentions, Instant at) {
}
