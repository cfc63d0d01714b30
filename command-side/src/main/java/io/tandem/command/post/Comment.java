package io.tandem.command.post;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.post.AddCommentCommand;
import io.tandem.contracts.post.CommentAddedEvent;
import io.tandem.contracts.post.CommentDeletedEvent;
import io.tandem.contracts.post.CommentId;
import io.tandem.contracts.post.DeleteCommentCommand;
import io.tandem.contracts.post.PostId;
import io.tandem.contracts.post.SocialIds;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One comment on one post: its own aggregate, so a post never holds a set that grows with its
 * comments. The id is derived from (post, author, client comment id), so the same request again
 * answers the same comment, and the same client id with another text is COMMENT_CONFLICT. It may be
 * deleted by its author, by the post's author (whom it remembers from entry) or by an admin
 * (FORBIDDEN otherwise); deleting it again changes nothing.
 */
@Revision("1")
@Aggregate
public class Comment {

    @AggregateIdentifier
    private CommentId commentId;
    private PostId postId;
    private UserId postAuthor;
    private UserId author;
    private String text;
    private boolean deleted;

    protected Comment() {
        // Axon rebuilds the comment from its events.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public CommentId handle(AddCommentCommand command) {
        if (!command.commentId().equals(SocialIds.comment(command.postId(), command.author(), command.clientCommentId()))) {
            throw new IllegalArgumentException("comment id " + command.commentId() + " is not the one of its post, author and client id");
        }
        if (commentId != null) {
            if (!Objects.equals(text, command.text())) {
                throw new TandemException(ErrorCode.COMMENT_CONFLICT, "comment '" + command.clientCommentId()
                        + "' already exists with another text");
            }
            return commentId;
        }
        apply(new CommentAddedEvent(command.commentId(), command.postId(), command.postAuthor(), command.author(),
                command.clientCommentId(), command.text(), List.copyOf(command.mentions()), command.at()));
        return commentId;
    }

    /** Answers the post the comment belongs to, so that entry can refuse a comment named under another post. */
    @CommandHandler
    public PostId handle(DeleteCommentCommand command) {
        UserId caller = command.caller();
        if (!command.admin() && !author.equals(caller) && !postAuthor.equals(caller)) {
            throw new TandemException(ErrorCode.FORBIDDEN, "only the comment's author, the post's author or an admin may delete it");
        }
        if (!deleted) {
            apply(new CommentDeletedEvent(commentId, postId, postAuthor, author, caller, command.at()));
        }
        return postId;
    }

    @EventSourcingHandler
    void on(CommentAddedEvent event) {
        commentId = event.commentId();
        postId = event.postId();
        postAuthor = event.postAuthor();
        author = event.author();
        text = event.text();
    }

    @EventSourcingHandler
    void on(CommentDeletedEvent event) {
        deleted = true;
    }
}
