package io.tandem.command.post;

import io.tandem.contracts.common.UserId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What post entry needs to know of a post before it sends a comment, a like or a delete: who wrote
 * it and whether it was deleted. One row per post, written in the transaction of the post's events.
 */
@Entity
@Table(name = "post_lookup")
class PostLookupEntry {

    @Id
    @Column(name = "post_id", length = 64)
    private String postId;

    @Column(name = "author_id", nullable = false, length = 255)
    private String authorId;

    @Column(name = "deleted", nullable = false)
    private boolean deleted;

    protected PostLookupEntry() {
        // JPA
    }

    PostLookupEntry(String postId, String authorId) {
        this.postId = postId;
        this.authorId = authorId;
    }

    UserId author() {
        return UserId.of(authorId);
    }

    boolean deleted() {
        return deleted;
    }

    void markDeleted() {
        this.deleted = true;
    }
}
