package io.tandem.contracts.post;

import io.tandem.contracts.common.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record PostLikedEvent(PostLikeId likeId, PostId postId, UserId postAuthor, UserId user, Instant at) {
}
