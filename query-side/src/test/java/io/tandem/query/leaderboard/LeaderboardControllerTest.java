package io.tandem.query.leaderboard;

import io.tandem.contracts.common.UserId;
import io.tandem.contracts.leaderboard.FindLeaderboardQuery;
import io.tandem.contracts.leaderboard.FindTraderStatsQuery;
import io.tandem.contracts.leaderboard.LeaderboardEntryView;
import io.tandem.contracts.leaderboard.LeaderboardPage;
import io.tandem.contracts.leaderboard.LeaderboardSort;
import io.tandem.contracts.leaderboard.Period;
import io.tandem.contracts.leaderboard.TraderStatsView;
import io.tandem.contracts.profile.FindTraderQuery;
import io.tandem.contracts.profile.TraderProfileView;
import io.tandem.query.GraphQlTestSupport;
import io.tandem.query.api.GraphQlLimitsConfiguration;
import io.tandem.query.api.GraphQlScalars;
import io.tandem.query.profile.TraderController;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.graphql.GraphQlTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

@GraphQlTest({LeaderboardController.class, TraderController.class})
@Import({GraphQlLimitsConfiguration.class, GraphQlScalars.class})
class LeaderboardControllerTest extends GraphQlTestSupport {

    private static final TraderStatsView ALICE = new TraderStatsView("u-alice", "alice", "Alice", Period.D7, "10.00", "2.50",
            "135.09", 10, 2, "500.00", null, 3, "2026-03-02T20:00:00Z");
    private static final String LEADERBOARD = "{ leaderboard(period: D7, first: 1, minCopiers: 1, maxRiskScore: 10) "
            + "{ computedAt edges { cursor node { rank trader { handle displayName } stats { period returnPercent "
            + "maxDrawdownPercent volatilityPercent riskScore copiers assetsUnderCopy winRatePercent trades computedAt } } } "
            + "pageInfo { hasNextPage endCursor } } }";

    @Autowired
    private GraphQlTester graphQlTester;

    @MockitoBean
    private QueryGateway queryGateway;

    private void leaderboardIs(LeaderboardPage page) {
        given(queryGateway.query(any(FindLeaderboardQuery.class), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(page));
    }

    @Test
    void aPageArrivesAsAConnectionWithTheTraderAndTheFigures() {
        actAs("bob", "TRADER");
        leaderboardIs(new LeaderboardPage(List.of(new LeaderboardEntryView(1, ALICE, "c1")), true, "2026-03-02T20:00:00Z"));

        graphQlTester.document(LEADERBOARD).execute()
                .path("leaderboard.computedAt").entity(String.class).isEqualTo("2026-03-02T20:00:00Z")
                .path("leaderboard.edges[0].cursor").entity(String.class).isEqualTo("c1")
                .path("leaderboard.edges[0].node.rank").entity(Integer.class).isEqualTo(1)
                .path("leaderboard.edges[0].node.trader.handle").entity(String.class).isEqualTo("alice")
                .path("leaderboard.edges[0].node.stats.returnPercent").entity(String.class).isEqualTo("10.00")
                .path("leaderboard.edges[0].node.stats.riskScore").entity(Integer.class).isEqualTo(10)
                .path("leaderboard.edges[0].node.stats.winRatePercent").valueIsNull()
                .path("leaderboard.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true)
                .path("leaderboard.pageInfo.endCursor").entity(String.class).isEqualTo("c1");
        verify(queryGateway).query(eq(new FindLeaderboardQuery(Period.D7, LeaderboardSort.RETURN, 1, null, 1, 10)),
                any(ResponseType.class));
    }

    @Test
    void theSortThePageSizeAndTheCursorReachTheQuery() {
        actAs("bob", "TRADER");
        leaderboardIs(new LeaderboardPage(List.of(), false, null));

        graphQlTester.document("{ leaderboard(period: ALL, sortBy: RISK_SCORE, first: 500, after: \"c9\") { computedAt "
                + "edges { cursor } } }").execute().path("leaderboard.computedAt").valueIsNull();
        verify(queryGateway).query(eq(new FindLeaderboardQuery(Period.ALL, LeaderboardSort.RISK_SCORE, 100, "c9", null, null)),
                any(ResponseType.class));
    }

    @Test
    void anAnonymousCallerGetsNoLeaderboard() {
        graphQlTester.document(LEADERBOARD).execute().errors().satisfy(errors -> assertThat(errors).singleElement()
                .satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "UNAUTHENTICATED")));
        verify(queryGateway, never()).query(any(FindLeaderboardQuery.class), any(ResponseType.class));
    }

    @Test
    void aTradersStatsAreAskedForByTheirUserIdAndPeriod() {
        actAs("bob", "TRADER");
        given(queryGateway.query(any(FindTraderQuery.class), any(ResponseType.class))).willReturn(CompletableFuture.completedFuture(
                new TraderProfileView("u-alice", "alice", "Alice", "", false, null, 0, 0, 0, false, false, false)));
        given(queryGateway.query(eq(new FindTraderStatsQuery(UserId.of("u-alice"), Period.D30)), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(ALICE));
        given(queryGateway.query(eq(new FindTraderStatsQuery(UserId.of("u-alice"), Period.D90)), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(null));

        graphQlTester.document("{ trader(handle: \"alice\") { handle month: stats(period: D30) { returnPercent copiers } "
                        + "quarter: stats(period: D90) { returnPercent } } }").execute()
                .path("trader.month.returnPercent").entity(String.class).isEqualTo("10.00")
                .path("trader.month.copiers").entity(Integer.class).isEqualTo(2)
                .path("trader.quarter").valueIsNull();
    }
}
