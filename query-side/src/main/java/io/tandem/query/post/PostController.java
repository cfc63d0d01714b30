package io.tandem.query.post;

import io.tandem.contracts.common.UserId;
import io.tandem.contracts.post.CommentPage;
import io.tandem.contracts.post.CommentPages;
import io.tandem.contracts.post.FindCommentsOfPostsQuery;
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
import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * GraphQL fields over posts: a trader's posts, one post, and a post's comments. A post comes with
 * its author's current handle and display name, its counts and whether the caller likes it, all
 * read with the page (one query per page, not per post); a post whose author and the caller are
 * blocked either way, or a deleted one, is not there. The first comments of all the posts of a page
 * are one query too (a batch); their number stays bounded by the operation cost limit that counts
 * their page size times the posts' page size.
 */
@Controller
public class PostController {

    private final QueryGateway queryGateway;

    static final String FIRST_COMMENTS = "firstCommentsOfPosts";

    public PostController(QueryGateway queryGateway, BatchLoaderRegistry batchLoaders) {
        this.queryGateway = queryGateway;
        batchLoaders.<FirstComments, CommentPage>forName(FIRST_COMMENTS)
                .registerMappedBatchLoader((keys, environment) -> firstComments(keys));
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

    /**
     * The post's comments, oldest first, as the caller sees them. Without {@code after}, the first
     * pages of all the posts of a result are read together: the field only names what it wants (post,
     * caller, page size) of a data loader, which sends one {@link FindCommentsOfPostsQuery} per page
     * size asked for when the level is resolved, not one query per post. A page after a cursor is a
     * query of its own.
     */
    @SchemaMapping(typeName = "Post", field = "comments")
    public CompletableFuture<Connection<CommentView>> comments(PostView post, @Argument Integer first, @Argument String after,
                                                               Authentication authentication, DataFetchingEnvironment environment) {
        UserId caller = Traders.caller(authentication);
        int pageSize = PageArguments.pageSize(first);
        CompletableFuture<CommentPage> page;
        if (after == null) {
            DataLoader<FirstComments, CommentPage> loader = environment.getDataLoader(FIRST_COMMENTS);
            page = loader.load(new FirstComments(PostId.of(post.id()), caller, pageSize));
        } else {
            page = queryGateway.query(new FindCommentsQuery(PostId.of(post.id()), caller, pageSize, after),
                    ResponseTypes.instanceOf(CommentPage.class));
        }
        return page.thenApply(comments -> Connection.of(comments.items(), CommentView::cursor, comments.hasNextPage(),
                comments.endCursor()));
    }

    /** What one {@code comments} field without a cursor asks the data loader for. */
    record FirstComments(PostId postId, UserId viewer, int first) {
    }

    /** One query per (caller, page size) among the keys: in practice one for the whole level. */
    private Mono<Map<FirstComments, CommentPage>> firstComments(Set<FirstComments> keys) {
        Map<List<Object>, List<FirstComments>> groups = new LinkedHashMap<>();
        for (FirstComments key : keys) {
            groups.computeIfAbsent(List.of(key.viewer(), key.first()), group -> new ArrayList<>()).add(key);
        }
        return Flux.fromIterable(groups.values()).flatMap(group -> {
            FirstComments any = group.get(0);
            FindCommentsOfPostsQuery query = new FindCommentsOfPostsQuery(group.stream().map(FirstComments::postId).toList(),
                    any.viewer(), any.first());
            return Mono.fromFuture(() -> queryGateway.query(query, ResponseTypes.instanceOf(CommentPages.class)))
                    .flatMapIterable(pages -> {
                        List<Map.Entry<FirstComments, CommentPage>> entries = new ArrayList<>(group.size());
                        for (int i = 0; i < group.size() && i < pages.pages().size(); i++) {
                            entries.add(Map.entry(group.get(i), pages.pages().get(i)));
                        }
                        return entries;
                    });
        }).collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    @SchemaMapping(typeName = "Comment", field = "author")
    public TraderSummary author(CommentView comment) {
        return Traders.summary(comment.authorId(), comment.authorHandle(), comment.authorDisplayName());
    }
}
