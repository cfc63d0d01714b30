package io.tandem.contracts.follow;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies the relationship aggregate of one unordered pair of users ({@link io.tandem.contracts.post.SocialIds#relationship}).
 * <p>
 * Value semantics: {@code toString()} returns the raw id because Axon builds routing keys from it.
 */
public record RelationshipId(@JsonValue String value) {

    public RelationshipId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("RelationshipId must not be blank");
        }
    }

    @JsonCreator
    public static RelationshipId of(String value) {
        return new RelationshipId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
