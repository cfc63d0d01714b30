package io.tandem.query.feed;

import io.tandem.contracts.common.UserId;
import io.tandem.contracts.feed.FeedEntry;
import io.tandem.contracts.feed.FeedUpdatesQuery;
import io.tandem.contracts.post.FindPostsByIdQuery;
import io.tandem.contracts.post.PostId;
import io.tandem.contracts.post.PostPage;
import io.tandem.contracts.post.PostView;
import io.tandem.query.api.Subscriptions;
import io.tandem.query.security.AccountAccess;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;

/**
 * {@code subscription { feed }}: each item added to the caller's home timeline from now on, as
 * the Post the {@code feed} query would show, in the order the timeline received them. The home
 * feed projection emits a {@link FeedEntry} only for live events, never during a replay or a
 * rebuild; each entry is read back as a post through the query gateway, as the caller sees it
 * (a post deleted or hidden from the caller by then is skipped). The posts read model is built by
 * another processor, which may be a little behind the timeline: a post it does not show yet is asked
 * for again every 100 ms for up to 5 s before it is skipped.
 */
@Controller
public class FeedSubscriptionController {

    static final int NOT_YET_PROJECTED_RETRIES = 50;
    static final Duration NOT_YET_PROJECTED_DELAY = Duration.ofMillis(100);

    private final QueryGateway queryGateway;

    public FeedSubscriptionController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @SubscriptionMapping
    public Flux<PostView> feed(Authentication authentication) {
        UserId caller = UserId.of(AccountAccess.requireAuthenticated(authentication).getName());
        return Subscriptions.updates(queryGateway, new FeedUpdatesQuery(caller), FeedEntry.class)
                .concatMap(entry -> post(entry, caller));
    }

    private Mono<PostView> post(FeedEntry entry, UserId caller) {
        FindPostsByIdQuery query = new FindPostsByIdQuery(List.of(PostId.of(entry.postId())), caller);
        return Mono.fromFuture(() -> queryGateway.query(query, ResponseTypes.instanceOf(PostPage.class)))
                .flatMapIterable(PostPage::items)
                .next()
                // The posts read model (group social) may not have the post yet when the timeline
                // (group home-feed) pushes it: ask again for a while before treating it as gone.
                .repeatWhenEmpty(repeats -> repeats.take(NOT_YET_PROJECTED_RETRIES).delayElements(NOT_YET_PROJECTED_DELAY));
    }
}
