package io.tandem.contracts.post;

import io.tandem.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Creates a text post ({@code postId} = {@link SocialIds#post}(author, clientPostId)). Entry has
 * checked the text and resolved the mentions ({@code symbols}: listed instruments' symbols,
 * {@code mentions}: existing traders). The same request again answers the same post; the same
 * client post id with another text is POST_CONFLICT. Answers the {@link PostId}.
 */
public record CreatePostCommand(@TargetAggregateIdentifier PostId postId, UserId author, String clientPostId, String text,
                                List<String> symbols, List<Mention> mentions, Instant at) {
}
