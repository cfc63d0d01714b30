package io.tandem.query.post;

import io.tandem.contracts.common.UserId;
import io.tandem.contracts.post.CommentPage;
import io.tandem.contracts.post.CommentView;
import io.tandem.contracts.post.FindCommentsQuery;
import io.tandem.contracts.post.FindPostQuery;
import io.tandem.contracts.post.FindPostsQuery;
import io.tandem.contracts.post.PostId;
import io.tandem.contracts.post.PostPage;
import io.tandem.contracts.post.PostView;
import io.tandem.contracts.profile.TraderSummary;
import io.tandem.query.api.Connection;
import io.tandem.query.api.Identifiers;
import io.tandem.query.api.PageArguments;
import io.tandem.query.profile.Traders;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

import java.util.concurrent.CompletableFuture;

/**
 * GraphQL fields over posts: a trader's posts, one post, and a post's comments. A post comes with
 * its author's current handle and display name, its counts and whether the caller likes it, all
 * read with the page (one query per page, not per post); a post whose author and the caller are
 * blocked either way, or a deleted one, is not there. Comments are one query per post asked for,
 * bounded by the operation cost limit that counts their page size times the posts' page size.
 */
@Controller
public class PostController {

    private final QueryGateway queryGateway;

    public PostController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    /** The trader's posts, newest first; empty for an unknown handle or a block either way. */
    @QueryMapping
    public CompletableFuture<Connection<PostView>> posts(@Argument String handle, @Argument Integer first,
                                                         @Argument String after, Authentication authentication) {
        UserId caller = Traders.caller(authentication);
        int pageSize = PageArguments.pageSize(first);
        return Traders.byHandle(queryGateway, handle, caller).thenCompose(trader -> trader == null
                ? CompletableFuture.completedFuture(Connection.<PostView>empty())
                : queryGateway.query(new FindPostsQuery(UserId.of(trader.userId()), caller, pageSize, after),
                                ResponseTypes.instanceOf(PostPage.class))
                        .thenApply(page -> Connection.of(page.items(), PostView::cursor, page.hasNextPage(), page.endCursor())));
    }

    /** The post; null when unknown, deleted, or blocked either way. */
    @QueryMapping
    public CompletableFuture<PostView> post(@Argument String id, Authentication authentication) {
        UserId caller = Traders.caller(authentication);
        return queryGateway.query(new FindPostQuery(Identifiers.postId(id), caller), ResponseTypes.instanceOf(PostView.class));
    }

    @SchemaMapping(typeName = "Post", field = "author")
    public TraderSummary author(PostView post) {
        return Traders.summary(post.authorId(), post.authorHandle(), post.authorDisplayName());
    }

    /** The post's comments, oldest first. */
    @SchemaMapping(typeName = "Post", field = "comments")
    public CompletableFuture<Connection<CommentView>> comments(PostView post, @Argument Integer first, @Argument String after) {
        int pageSize = PageArguments.pageSize(first);
        return queryGateway.query(new FindCommentsQuery(PostId.of(post.id()), pageSize, after), ResponseTypes.instanceOf(CommentPage.class))
                .thenApply(page -> Connection.of(page.items(), CommentView::cursor, page.hasNextPage(), page.endCursor()));
    }

    @SchemaMapping(typeName = "Comment", field = "author")
    public TraderSummary author(CommentView comment) {
        return Traders.summary(comment.authorId(), comment.authorHandle(), comment.authorDisplayName());
    }
}
