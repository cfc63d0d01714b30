package io.tandem.contracts.post;

import io.tandem.contracts.common.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A post was deleted by its author or an admin ({@code deletedBy}); it disappears from every feed and list. */
@Revision("1")
public record PostDeletedEvent(PostId postId, UserId author, UserId deletedBy, Instant at) {
}
