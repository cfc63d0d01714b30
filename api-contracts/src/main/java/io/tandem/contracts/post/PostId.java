package io.tandem.contracts.post;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies a post: derived from (author, client post id) for text posts and from the order id for trade posts ({@link SocialIds}).
 * <p>
 * Value semantics: {@code toString()} returns the raw id because Axon builds routing keys from it.
 */
public record PostId(@JsonValue String value) {

    public PostId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("PostId must not be blank");
        }
    }

    @JsonCreator
    public static PostId of(String value) {
        return new PostId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
