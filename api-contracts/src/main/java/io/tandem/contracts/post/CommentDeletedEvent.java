package io.tandem.contracts.post;

import io.tandem.contracts.common.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record CommentDeletedEvent(CommentId commentId, PostId postId, UserId postAuthor, UserId author, UserId deletedBy,
                                  Instant at) {
}
