package io.tandem.contracts.post;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies a comment: derived from (post, author, client comment id) ({@link SocialIds#comment}).
 * <p>
 * Value semantics: {@code toString()} returns the raw id because Axon builds routing keys from it.
 */
public record CommentId(@JsonValue String value) {

    public CommentId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("CommentId must not be blank");
        }
    }

    @JsonCreator
    public static CommentId of(String value) {
        return new CommentId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
