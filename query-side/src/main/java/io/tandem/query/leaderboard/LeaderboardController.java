package io.tandem.query.leaderboard;

import io.tandem.contracts.common.UserId;
import io.tandem.contracts.leaderboard.FindLeaderboardQuery;
import io.tandem.contracts.leaderboard.FindTraderStatsQuery;
import io.tandem.contracts.leaderboard.LeaderboardEntryView;
import io.tandem.contracts.leaderboard.LeaderboardPage;
import io.tandem.contracts.leaderboard.LeaderboardSort;
import io.tandem.contracts.leaderboard.Period;
import io.tandem.contracts.leaderboard.TraderStatsView;
import io.tandem.contracts.profile.TraderProfileView;
import io.tandem.contracts.profile.TraderSummary;
import io.tandem.query.api.PageArguments;
import io.tandem.query.profile.Traders;
import io.tandem.query.security.AccountAccess;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

import java.util.concurrent.CompletableFuture;

/**
 * GraphQL fields over the leaderboard: a period's ranking (sorted, filtered, paged) and a trader's
 * figures on their profile. Public to every authenticated user: the figures are of public accounts.
 */
@Controller
public class LeaderboardController {

    private final QueryGateway queryGateway;

    public LeaderboardController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    /** A page of the period's latest ranking, by {@code sortBy} (default RETURN), ranks within the filters. */
    @QueryMapping
    public CompletableFuture<LeaderboardConnection> leaderboard(@Argument Period period, @Argument LeaderboardSort sortBy,
                                                                @Argument Integer first, @Argument String after,
                                                                @Argument Integer minCopiers, @Argument Integer maxRiskScore,
                                                                Authentication authentication) {
        AccountAccess.requireAuthenticated(authentication);
        FindLeaderboardQuery query = new FindLeaderboardQuery(period, sortBy == null ? LeaderboardSort.RETURN : sortBy,
                PageArguments.pageSize(first), after, minCopiers, maxRiskScore);
        return queryGateway.query(query, ResponseTypes.instanceOf(LeaderboardPage.class)).thenApply(LeaderboardConnection::of);
    }

    @SchemaMapping(typeName = "LeaderboardEntry", field = "trader")
    public TraderSummary trader(LeaderboardEntryView entry) {
        return Traders.summary(entry.stats().userId(), entry.stats().handle(), entry.stats().displayName());
    }

    /** The trader's figures for the period; null when they are not ranked or not yet computed. */
    @SchemaMapping(typeName = "Trader", field = "stats")
    public CompletableFuture<TraderStatsView> stats(TraderProfileView trader, @Argument Period period,
                                                    Authentication authentication) {
        AccountAccess.requireAuthenticated(authentication);
        return queryGateway.query(new FindTraderStatsQuery(UserId.of(trader.userId()), period),
                ResponseTypes.instanceOf(TraderStatsView.class));
    }
}
