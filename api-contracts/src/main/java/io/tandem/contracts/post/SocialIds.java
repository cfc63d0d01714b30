package io.tandem.contracts.post;

import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.follow.RelationshipId;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic ids of the social aggregates, derived from what identifies them to a client, so
 * that a retried request lands on the same aggregate and creates nothing new (idempotency by
 * aggregate id, like payments). Name-based UUIDs (version 3) over the parts separated by NUL, which
 * no part may contain (user ids are JWT subjects, client ids are checked at the edge), so two
 * different tuples never share an id and ids reveal nothing about who made them.
 */
public final class SocialIds {

    private SocialIds() {
    }

    /** The relationship of {@code a} and {@code b}: the same aggregate whichever of the two acts. */
    public static RelationshipId relationship(UserId a, UserId b) {
        boolean ordered = a.value().compareTo(b.value()) <= 0;
        return RelationshipId.of("rel-" + uuid("rel", ordered ? a.value() : b.value(), ordered ? b.value() : a.value()));
    }

    /** The text post {@code author} calls {@code clientPostId}. */
    public static PostId post(UserId author, String clientPostId) {
        return PostId.of("post-" + uuid("post", author.value(), clientPostId));
    }

    /** The trade post of one order: one per order, updated by its later fills. */
    public static PostId tradePost(OrderId orderId) {
        return PostId.of("trade-" + uuid("trade", orderId.value()));
    }

    /** The comment {@code author} calls {@code clientCommentId} on {@code postId}. */
    public static CommentId comment(PostId postId, UserId author, String clientCommentId) {
        return CommentId.of("comment-" + uuid("comment", postId.value(), author.value(), clientCommentId));
    }

    /** {@code user}'s like of {@code postId}. */
    public static PostLikeId like(PostId postId, UserId user) {
        return PostLikeId.of("like-" + uuid("like", postId.value(), user.value()));
    }

    private static String uuid(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
