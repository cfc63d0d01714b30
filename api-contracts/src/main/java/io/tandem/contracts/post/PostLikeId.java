package io.tandem.contracts.post;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies one user's like of one post ({@link SocialIds#like}): one aggregate per pair, so a like is idempotent.
 * <p>
 * Value semantics: {@code toString()} returns the raw id because Axon builds routing keys from it.
 */
public record PostLikeId(@JsonValue String value) {

    public PostLikeId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("PostLikeId must not be blank");
        }
    }

    @JsonCreator
    public static PostLikeId of(String value) {
        return new PostLikeId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
