package io.tandem.contracts.post;

import io.tandem.contracts.common.UserId;

/** An {@code @handle} mention: the handle as written when the text was posted, and the user it named then. */
public record Mention(UserId userId, String handle) {
}
