package io.tandem.contracts.post;

import io.tandem.contracts.common.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

@Revision("1")
public record CommentAddedEvent(CommentId commentId, PostId postId, UserId postAuthor, UserId author, String clientCommentId,
                                String text, List<Mention> mentions, Instant at) {
}
