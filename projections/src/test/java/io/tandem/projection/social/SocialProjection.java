package io.tandem.projection.social;

import com.mongodb.client.MongoDatabase;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.follow.TraderBlockedEvent;
import io.tandem.contracts.follow.TraderFollowedEvent;
import io.tandem.contracts.follow.TraderMutedEvent;
import io.tandem.contracts.follow.TraderUnblockedEvent;
import io.tandem.contracts.follow.TraderUnfollowedEvent;
import io.tandem.contracts.follow.UnfollowReason;
import io.tandem.contracts.post.CommentAddedEvent;
import io.tandem.contracts.post.CommentDeletedEvent;
import io.tandem.contracts.post.CommentId;
import io.tandem.contracts.post.Mention;
import io.tandem.contracts.post.PostCreatedEvent;
import io.tandem.contracts.post.PostDeletedEvent;
import io.tandem.contracts.post.PostId;
import io.tandem.contracts.post.PostKind;
import io.tandem.contracts.post.PostLikedEvent;
import io.tandem.contracts.post.PostUnlikedEvent;
import io.tandem.contracts.post.SocialIds;
import io.tandem.contracts.post.TradePostUpdatedEvent;
import io.tandem.contracts.post.TradeSummary;
import io.tandem.contracts.profile.TraderProfileSetEvent;
import io.tandem.projection.follow.RelationProjector;
import io.tandem.projection.post.CommentProjector;
import io.tandem.projection.post.LikeProjector;
import io.tandem.projection.post.PostProjector;
import io.tandem.projection.profile.ProfileProjector;
import io.tandem.projection.support.BatchEnd;
import io.tandem.projection.support.TestEvents;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.tandem.projection.support.ProjectionBatches.event;

/**
 * The projectors of the {@code social} group on one database, run as its processor runs them (every
 * event offered to each projector, a batch in one unit of work) or one event at a time; and events
 * with the sequence numbers their aggregates would give them.
 */
final class SocialProjection {

    final ProfileProjector profiles;
    final RelationProjector relations;
    final PostProjector posts;
    final CommentProjector comments;
    final LikeProjector likes;
    private final List<AnnotationEventHandlerAdapter> adapters;

    SocialProjection(MongoDatabase database) {
        profiles = new ProfileProjector(database);
        relations = new RelationProjector(database);
        posts = new PostProjector(database);
        comments = new CommentProjector(database);
        likes = new LikeProjector(database);
        adapters = List.of(new AnnotationEventHandlerAdapter(profiles), new AnnotationEventHandlerAdapter(relations),
                new AnnotationEventHandlerAdapter(posts), new AnnotationEventHandlerAdapter(comments),
                new AnnotationEventHandlerAdapter(likes));
    }

    void inOneBatch(List<EventMessage<Object>> events) {
        ResultMessage<Object> result = batch(events, false);
        if (result.isExceptional()) {
            throw new AssertionError("the batch failed", result.exceptionResult());
        }
    }

    /**
     * Handles the events in one batch that fails while it commits: after its queued writes were sent
     * and the work of the projectors' first end-of-batch task, before the rest (as a crash would).
     */
    void inOneBatchFailingAtCommit(List<EventMessage<Object>> events) {
        ResultMessage<Object> result = batch(events, true);
        if (!result.isExceptional()) {
            throw new AssertionError("the batch was meant to fail");
        }
    }

    private ResultMessage<Object> batch(List<EventMessage<Object>> events, boolean failAtCommit) {
        BatchingUnitOfWork<EventMessage<Object>> unitOfWork = new BatchingUnitOfWork<>(events);
        return unitOfWork.executeWithResult(() -> {
            for (AnnotationEventHandlerAdapter adapter : adapters) {
                adapter.handle(unitOfWork.getMessage());
            }
            if (failAtCommit) {
                BatchEnd.once("test-crash", () -> {
                    throw new IllegalStateException("crash while committing");
                });
            }
            return null;
        });
    }

    void oneByOne(List<EventMessage<Object>> events) {
        for (EventMessage<Object> event : events) {
            for (AnnotationEventHandlerAdapter adapter : adapters) {
                try {
                    adapter.handle(event);
                } catch (Exception e) {
                    throw new AssertionError("handling " + event.getPayload() + " failed", e);
                }
            }
        }
    }

    void reset() {
        profiles.reset();
        relations.reset();
        posts.reset();
        comments.reset();
        likes.reset();
    }

    /** Makes events of the social aggregates, numbering each aggregate's events from 0 as its stream would. */
    static final class Events {

        private final Map<String, Long> sequences = new HashMap<>();
        private final List<EventMessage<Object>> made = new ArrayList<>();
        private Instant clock = TestEvents.T0;

        /** Every event made so far, in order. */
        List<EventMessage<Object>> all() {
            return List.copyOf(made);
        }

        /** The events made since {@code from} events were made. */
        List<EventMessage<Object>> since(int from) {
            return List.copyOf(made.subList(from, made.size()));
        }

        int count() {
            return made.size();
        }

        Instant now() {
            return clock;
        }

        private Instant tick() {
            clock = clock.plusSeconds(1);
            return clock;
        }

        /** An event of {@code aggregateId}'s stream, tracked at the next position of the event log (as a processor sees it). */
        private EventMessage<Object> add(String type, String aggregateId, Object payload) {
            long sequence = sequences.merge(aggregateId, 0L, (old, zero) -> old + 1);
            EventMessage<Object> message = new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(made.size()),
                    (DomainEventMessage<Object>) event(type, aggregateId, sequence, payload));
            made.add(message);
            return message;
        }

        void profile(String user, String handle, String previousHandle, String displayName) {
            profileAt(user, handle, previousHandle, displayName, tick());
        }

        /** A profile change with the request time {@code at}, which may be earlier than that of events before it. */
        void profileAt(String user, String handle, String previousHandle, String displayName, Instant at) {
            add("TraderProfile", user, new TraderProfileSetEvent(UserId.of(user), handle, previousHandle, displayName,
                    "bio of " + handle, true, AccountId.of("acc-" + user), at));
        }

        void follow(String actor, String target) {
            add("Relationship", rel(actor, target).value(), new TraderFollowedEvent(rel(actor, target), UserId.of(actor), UserId.of(target), tick()));
        }

        void unfollow(String actor, String target, UnfollowReason reason) {
            add("Relationship", rel(actor, target).value(), new TraderUnfollowedEvent(rel(actor, target), UserId.of(actor),
                    UserId.of(target), reason, tick()));
        }

        void mute(String actor, String target) {
            add("Relationship", rel(actor, target).value(), new TraderMutedEvent(rel(actor, target), UserId.of(actor), UserId.of(target), tick()));
        }

        void block(String actor, String target) {
            add("Relationship", rel(actor, target).value(), new TraderBlockedEvent(rel(actor, target), UserId.of(actor), UserId.of(target), tick()));
        }

        void unblock(String actor, String target) {
            add("Relationship", rel(actor, target).value(), new TraderUnblockedEvent(rel(actor, target), UserId.of(actor), UserId.of(target), tick()));
        }

        PostId post(String author, String clientPostId, String text, List<String> symbols, List<Mention> mentions) {
            PostId postId = SocialIds.post(UserId.of(author), clientPostId);
            add("Post", postId.value(), new PostCreatedEvent(postId, UserId.of(author), clientPostId, PostKind.TEXT, text,
                    symbols, mentions, null, tick()));
            return postId;
        }

        PostId post(String author, String clientPostId) {
            return post(author, clientPostId, "text " + clientPostId, List.of(), List.of());
        }

        PostId tradePost(String author, String orderId, TradeSummary trade) {
            PostId postId = SocialIds.tradePost(OrderId.of(orderId));
            add("Post", postId.value(), new PostCreatedEvent(postId, UserId.of(author), null, PostKind.TRADE, null,
                    List.of(trade.symbol().value()), List.of(), trade, tick()));
            return postId;
        }

        void tradeUpdated(PostId postId, String author, String tradeId, TradeSummary trade) {
            add("Post", postId.value(), new TradePostUpdatedEvent(postId, UserId.of(author), TradeId.of(tradeId), trade, tick()));
        }

        void deletePost(PostId postId, String author) {
            add("Post", postId.value(), new PostDeletedEvent(postId, UserId.of(author), UserId.of(author), tick()));
        }

        CommentId comment(PostId postId, String postAuthor, String author, String clientCommentId, String text) {
            CommentId commentId = SocialIds.comment(postId, UserId.of(author), clientCommentId);
            add("Comment", commentId.value(), new CommentAddedEvent(commentId, postId, UserId.of(postAuthor), UserId.of(author),
                    clientCommentId, text, List.of(), tick()));
            return commentId;
        }

        void deleteComment(CommentId commentId, PostId postId, String postAuthor, String author) {
            add("Comment", commentId.value(), new CommentDeletedEvent(commentId, postId, UserId.of(postAuthor), UserId.of(author),
                    UserId.of(author), tick()));
        }

        void like(PostId postId, String postAuthor, String user) {
            var likeId = SocialIds.like(postId, UserId.of(user));
            add("PostLike", likeId.value(), new PostLikedEvent(likeId, postId, UserId.of(postAuthor), UserId.of(user), tick()));
        }

        void unlike(PostId postId, String postAuthor, String user) {
            var likeId = SocialIds.like(postId, UserId.of(user));
            add("PostLike", likeId.value(), new PostUnlikedEvent(likeId, postId, UserId.of(postAuthor), UserId.of(user), tick()));
        }

        static TradeSummary trade(String orderId, Side side, Quantity filled, Price average) {
            return new TradeSummary(TestEvents.ACME, OrderId.of(orderId), AccountId.of("acc"), side, filled, average,
                    filled.lots() * average.ticks());
        }

        private static io.tandem.contracts.follow.RelationshipId rel(String a, String b) {
            return SocialIds.relationship(UserId.of(a), UserId.of(b));
        }
    }
}
