package io.tandem.query.follow;

import io.tandem.contracts.common.UserId;
import io.tandem.contracts.follow.FindFollowersQuery;
import io.tandem.contracts.follow.FindFollowingQuery;
import io.tandem.contracts.profile.TraderPage;
import io.tandem.contracts.profile.TraderSummary;
import io.tandem.query.api.Connection;
import io.tandem.query.api.PageArguments;
import io.tandem.query.profile.Traders;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * GraphQL fields over the follow graph: who follows a trader and whom a trader follows, most recent
 * follow first. The lists are public to every authenticated user; an unknown handle is an empty page.
 */
@Controller
public class FollowController {

    private final QueryGateway queryGateway;

    public FollowController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @QueryMapping
    public CompletableFuture<Connection<TraderSummary>> followers(@Argument String handle, @Argument Integer first,
                                                                  @Argument String after, Authentication authentication) {
        int pageSize = PageArguments.pageSize(first);
        return page(handle, authentication, (userId, viewer) -> queryGateway.query(
                new FindFollowersQuery(userId, pageSize, after), ResponseTypes.instanceOf(TraderPage.class)));
    }

    @QueryMapping
    public CompletableFuture<Connection<TraderSummary>> following(@Argument String handle, @Argument Integer first,
                                                                  @Argument String after, Authentication authentication) {
        int pageSize = PageArguments.pageSize(first);
        return page(handle, authentication, (userId, viewer) -> queryGateway.query(
                new FindFollowingQuery(userId, pageSize, after), ResponseTypes.instanceOf(TraderPage.class)));
    }

    private CompletableFuture<Connection<TraderSummary>> page(String handle, Authentication authentication,
                                                              BiFunction<UserId, UserId, CompletableFuture<TraderPage>> query) {
        UserId caller = Traders.caller(authentication);
        return Traders.byHandle(queryGateway, handle, caller).thenCompose(trader -> trader == null
                ? CompletableFuture.completedFuture(Connection.<TraderSummary>empty())
                : query.apply(UserId.of(trader.userId()), caller).thenApply(page ->
                        Connection.of(page.items(), TraderSummary::cursor, page.hasNextPage(), page.endCursor())));
    }
}
