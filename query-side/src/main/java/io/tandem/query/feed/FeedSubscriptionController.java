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

import java.util.List;

/**
 * {@code subscription { feed }}: each item added to the caller's home timeline from now on, as
 * the Post the {@code feed} query would show, in the order the timeline received them. The home
 * feed projection emits a {@link FeedEntry} only for live events, never during a replay or a
 * rebuild; each entry is read back as a post through the query gateway, as the caller sees it
 * (a post deleted or hidden from the caller by then is skipped).
 */
@Controller
public class FeedSubscriptionController {

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
                .next();
    }
}
