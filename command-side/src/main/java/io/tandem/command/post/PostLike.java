package io.tandem.command.post;

import io.tandem.contracts.post.LikePostCommand;
import io.tandem.contracts.post.PostLikeId;
import io.tandem.contracts.post.PostLikedEvent;
import io.tandem.contracts.post.PostUnlikedEvent;
import io.tandem.contracts.post.SocialIds;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One user's like of one post ({@link SocialIds#like}): one aggregate per pair, so "one like per
 * user" holds by construction and a post holds no set of likers. Liking or unliking is idempotent:
 * an event only when the state changes, and every command answers whether the post is liked after it.
 * Unliking a post never liked creates nothing.
 */
@Revision("1")
@Aggregate
public class PostLike {

    @AggregateIdentifier
    private PostLikeId likeId;
    private boolean liked;

    protected PostLike() {
        // Axon rebuilds the like from its events.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(LikePostCommand command) {
        if (!command.likeId().equals(SocialIds.like(command.postId(), command.user()))) {
            throw new IllegalArgumentException("like id " + command.likeId() + " is not the one of its post and user");
        }
        if (command.liked() && !liked) {
            apply(new PostLikedEvent(command.likeId(), command.postId(), command.postAuthor(), command.user(), command.at()));
        } else if (!command.liked() && liked) {
            apply(new PostUnlikedEvent(command.likeId(), command.postId(), command.postAuthor(), command.user(), command.at()));
        }
        return liked;
    }

    @EventSourcingHandler
    void on(PostLikedEvent event) {
        likeId = event.likeId();
        liked = true;
    }

    @EventSourcingHandler
    void on(PostUnlikedEvent event) {
        liked = false;
    }
}
