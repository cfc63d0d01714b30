package io.tandem.projection.feed;

import io.tandem.contracts.common.UserId;
import io.tandem.contracts.follow.TraderBlockedEvent;
import io.tandem.contracts.follow.TraderFollowedEvent;
import io.tandem.contracts.follow.TraderMutedEvent;
import io.tandem.contracts.follow.TraderUnblockedEvent;
import io.tandem.contracts.follow.TraderUnfollowedEvent;
import io.tandem.contracts.follow.TraderUnmutedEvent;
import io.tandem.contracts.follow.UnfollowReason;
import io.tandem.contracts.post.CommentAddedEvent;
import io.tandem.contracts.post.CommentId;
import io.tandem.contracts.post.Mention;
import io.tandem.contracts.post.PostCreatedEvent;
import io.tandem.contracts.post.PostDeletedEvent;
import io.tandem.contracts.post.PostKind;
import io.tandem.contracts.post.PostLikedEvent;
import io.tandem.contracts.post.SocialIds;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Social events as their aggregates would publish them, each with the next sequence number of its
 * aggregate (relationship of the pair, post), and times one second apart from a fixed start.
 */
public final class SocialEvents {

    public static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");

    private final Map<String, Long> sequences = new HashMap<>();
    private long clock;

    public static UserId user(String id) {
        return UserId.of(id);
    }

    public Instant tick() {
        return T0.plusSeconds(clock++);
    }

    private EventMessage<Object> next(String type, String aggregateId, Object payload) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        return new GenericDomainEventMessage<>(type, aggregateId, sequence, payload);
    }

    private EventMessage<Object> relation(UserId actor, UserId target, Object payload) {
        return next("Relationship", SocialIds.relationship(actor, target).value(), payload);
    }

    public EventMessage<Object> follow(String actor, String target) {
        UserId a = user(actor), t = user(target);
        return relation(a, t, new TraderFollowedEvent(SocialIds.relationship(a, t), a, t, tick()));
    }

    public EventMessage<Object> unfollow(String actor, String target, UnfollowReason reason) {
        UserId a = user(actor), t = user(target);
        return relation(a, t, new TraderUnfollowedEvent(SocialIds.relationship(a, t), a, t, reason, tick()));
    }

    public EventMessage<Object> mute(String actor, String target) {
        UserId a = user(actor), t = user(target);
        return relation(a, t, new TraderMutedEvent(SocialIds.relationship(a, t), a, t, tick()));
    }

    public EventMessage<Object> unmute(String actor, String target) {
        UserId a = user(actor), t = user(target);
        return relation(a, t, new TraderUnmutedEvent(SocialIds.relationship(a, t), a, t, tick()));
    }

    public EventMessage<Object> block(String actor, String target) {
        UserId a = user(actor), t = user(target);
        return relation(a, t, new TraderBlockedEvent(SocialIds.relationship(a, t), a, t, tick()));
    }

    public EventMessage<Object> unblock(String actor, String target) {
        UserId a = user(actor), t = user(target);
        return relation(a, t, new TraderUnblockedEvent(SocialIds.relationship(a, t), a, t, tick()));
    }

    public static String postId(String author, String clientPostId) {
        return SocialIds.post(user(author), clientPostId).value();
    }

    public EventMessage<Object> post(String author, String clientPostId, Mention... mentions) {
        UserId a = user(author);
        var id = SocialIds.post(a, clientPostId);
        return next("Post", id.value(), new PostCreatedEvent(id, a, clientPostId, PostKind.TEXT, "text " + clientPostId,
                List.of(), List.of(mentions), null, tick()));
    }

    public EventMessage<Object> deletePost(String author, String clientPostId) {
        UserId a = user(author);
        var id = SocialIds.post(a, clientPostId);
        return next("Post", id.value(), new PostDeletedEvent(id, a, a, tick()));
    }

    public EventMessage<Object> like(String user, String author, String clientPostId) {
        UserId u = user(user), a = user(author);
        var id = SocialIds.post(a, clientPostId);
        return next("PostLike", SocialIds.like(id, u).value(), new PostLikedEvent(SocialIds.like(id, u), id, a, u, tick()));
    }

    public EventMessage<Object> comment(String user, String author, String clientPostId, String clientCommentId,
                                        Mention... mentions) {
        UserId u = user(user), a = user(author);
        var id = SocialIds.post(a, clientPostId);
        CommentId commentId = SocialIds.comment(id, u, clientCommentId);
        return next("Comment", commentId.value(), new CommentAddedEvent(commentId, id, a, u, clientCommentId, "c",
                List.of(mentions), tick()));
    }

    public static Mention mention(String userId) {
        return new Mention(user(userId), "h_" + userId);
    }

    /** {@code event} as a processor hands it over while replaying (a replay token still before its reset position). */
    @SuppressWarnings("unchecked")
    public static EventMessage<Object> replayed(EventMessage<Object> event, long position) {
        var token = ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(1_000_000), new GlobalSequenceTrackingToken(position));
        return new GenericTrackedDomainEventMessage<>(token, (GenericDomainEventMessage<Object>) event);
    }
}
