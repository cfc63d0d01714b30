package io.tandem.query.feed;

import io.tandem.contracts.common.UserId;
import io.tandem.contracts.feed.FeedEntry;
import io.tandem.contracts.feed.FeedPage;
import io.tandem.contracts.feed.FindFeedQuery;
import io.tandem.contracts.post.FindPostsByIdQuery;
import io.tandem.contracts.post.PostId;
import io.tandem.contracts.post.PostPage;
import io.tandem.contracts.post.PostView;
import io.tandem.query.api.Connection;
import io.tandem.query.api.PageArguments;
import io.tandem.query.profile.Traders;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The caller's home feed: a page of the timeline (post ids with their timeline cursors), then the
 * posts of that page in one query. Each edge keeps its timeline cursor, so paging goes by the
 * timeline; a post deleted or hidden between the two reads is left out, and the page's end cursor
 * is still the timeline's, so the next page starts after it.
 */
@Controller
public class FeedController {

    static final int NOT_YET_PROJECTED_RETRIES = 3;
    static final long NOT_YET_PROJECTED_DELAY_MS = 50;

    private final QueryGateway queryGateway;

    public FeedController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @QueryMapping
    public CompletableFuture<Connection<PostView>> feed(@Argument Integer first, @Argument String after,
                                                        Authentication authentication) {
        UserId caller = Traders.caller(authentication);
        int pageSize = PageArguments.pageSize(first);
        return queryGateway.query(new FindFeedQuery(caller, pageSize, after), ResponseTypes.instanceOf(FeedPage.class))
                .thenCompose(page -> page.items().isEmpty()
                        ? CompletableFuture.completedFuture(Connection.<PostView>of(List.of(), PostView::cursor,
                                page.hasNextPage(), page.endCursor()))
                        : posts(page, caller, NOT_YET_PROJECTED_RETRIES).thenApply(posts -> connection(page, posts)));
    }

    /**
     * The page's posts. The posts read model (group social) may be a little behind the timeline
     * (group home-feed): when some are missing they are asked for again, a few times 50 ms apart,
     * before the page is answered without them, so that a fresh post is not paged past.
     */
    private CompletableFuture<PostPage> posts(FeedPage page, UserId caller, int retries) {
        FindPostsByIdQuery query = new FindPostsByIdQuery(page.items().stream().map(entry -> PostId.of(entry.postId())).toList(), caller);
        return queryGateway.query(query, ResponseTypes.instanceOf(PostPage.class))
                .thenCompose(posts -> posts.items().size() == page.items().size() || retries == 0
                        ? CompletableFuture.completedFuture(posts)
                        : CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(NOT_YET_PROJECTED_DELAY_MS, TimeUnit.MILLISECONDS))
                                .thenCompose(ignored -> posts(page, caller, retries - 1)));
    }

    private static Connection<PostView> connection(FeedPage page, PostPage posts) {
        Map<String, PostView> byId = new HashMap<>();
        posts.items().forEach(post -> byId.put(post.id(), post));
        List<Connection.Edge<PostView>> edges = new ArrayList<>(page.items().size());
        for (FeedEntry entry : page.items()) {
            PostView post = byId.get(entry.postId());
            if (post != null) {
                edges.add(new Connection.Edge<>(entry.cursor(), post));
            }
        }
        String start = edges.isEmpty() ? null : edges.get(0).cursor();
        return new Connection<>(edges, new Connection.PageInfo(page.hasNextPage(), false, start, page.endCursor()));
    }
}
