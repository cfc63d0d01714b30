package io.tandem.query.profile;

import io.tandem.contracts.common.UserId;
import io.tandem.contracts.follow.FindFollowersQuery;
import io.tandem.contracts.follow.FindFollowingQuery;
import io.tandem.contracts.profile.FindTraderQuery;
import io.tandem.contracts.profile.TraderPage;
import io.tandem.contracts.profile.TraderProfileView;
import io.tandem.contracts.profile.TraderSummary;
import io.tandem.query.GraphQlTestSupport;
import io.tandem.query.api.GraphQlLimitsConfiguration;
import io.tandem.query.follow.FollowController;
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

@GraphQlTest({TraderController.class, FollowController.class})
@Import(GraphQlLimitsConfiguration.class)
class TraderControllerTest extends GraphQlTestSupport {

    private static final UserId BOB = UserId.of("bob");
    private static final TraderProfileView ALICE = new TraderProfileView("alice-id", "Alice", "Alice A", "trades tech", true,
            null, 12, 3, 40, true, false, false);
    private static final String TRADER = "{ trader(handle: \"alice\") { handle displayName bio shareTrades followersCount "
            + "followingCount postsCount followedByMe mutedByMe blockedByMe } }";
    private static final String FOLLOWERS = "{ followers(handle: \"alice\", first: 2, after: \"c0\") "
            + "{ edges { cursor node { handle displayName } } pageInfo { hasNextPage endCursor } } }";

    @Autowired
    private GraphQlTester graphQlTester;

    @MockitoBean
    private QueryGateway queryGateway;

    private void traderIs(FindTraderQuery query, TraderProfileView view) {
        given(queryGateway.query(eq(query), any(ResponseType.class))).willReturn(CompletableFuture.completedFuture(view));
    }

    @Test
    void aTraderIsReadByHandleWithCountsAndTheCallersRelations() {
        actAs("bob", "TRADER");
        traderIs(new FindTraderQuery("alice", null, BOB), ALICE);

        graphQlTester.document(TRADER).execute().errors().verify()
                .path("trader.handle").entity(String.class).isEqualTo("Alice")
                .path("trader.displayName").entity(String.class).isEqualTo("Alice A")
                .path("trader.bio").entity(String.class).isEqualTo("trades tech")
                .path("trader.shareTrades").entity(Boolean.class).isEqualTo(true)
                .path("trader.followersCount").entity(Integer.class).isEqualTo(12)
                .path("trader.followingCount").entity(Integer.class).isEqualTo(3)
                .path("trader.postsCount").entity(Integer.class).isEqualTo(40)
                .path("trader.followedByMe").entity(Boolean.class).isEqualTo(true)
                .path("trader.mutedByMe").entity(Boolean.class).isEqualTo(false)
                .path("trader.blockedByMe").entity(Boolean.class).isEqualTo(false);
    }

    @Test
    void anUnknownHandleIsNullWithoutError() {
        actAs("bob", "TRADER");
        traderIs(new FindTraderQuery("alice", null, BOB), null);

        graphQlTester.document(TRADER).execute().errors().verify().path("trader").valueIsNull();
    }

    @Test
    void meIsTheCallersOwnProfileAndNullBeforeTheySetOne() {
        actAs("alice-id", "TRADER");
        UserId alice = UserId.of("alice-id");
        traderIs(new FindTraderQuery(null, alice, alice), ALICE);
        graphQlTester.document("{ me { handle postsCount } }").execute().errors().verify()
                .path("me.handle").entity(String.class).isEqualTo("Alice");

        actAs("newcomer", "TRADER");
        UserId newcomer = UserId.of("newcomer");
        traderIs(new FindTraderQuery(null, newcomer, newcomer), null);
        graphQlTester.document("{ me { handle } }").execute().errors().verify().path("me").valueIsNull();
    }

    @Test
    void followersAreAConnectionOfTheTradersFollowersWithThePagesCursors() {
        actAs("bob", "TRADER");
        traderIs(new FindTraderQuery("alice", null, BOB), ALICE);
        given(queryGateway.query(eq(new FindFollowersQuery(UserId.of("alice-id"), 2, "c0")), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(new TraderPage(List.of(
                        new TraderSummary("carol-id", "carol", "Carol", "c2"),
                        new TraderSummary("dave-id", "dave", "Dave", "c3")), "c4", true)));

        graphQlTester.document(FOLLOWERS).execute().errors().verify()
                .path("followers.edges[0].cursor").entity(String.class).isEqualTo("c2")
                .path("followers.edges[0].node.handle").entity(String.class).isEqualTo("carol")
                .path("followers.edges[1].node.displayName").entity(String.class).isEqualTo("Dave")
                .path("followers.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true)
                .path("followers.pageInfo.endCursor").entity(String.class).isEqualTo("c4");
    }

    @Test
    void followingIsAskedForWithTheDefaultPageSize() {
        actAs("bob", "TRADER");
        traderIs(new FindTraderQuery("alice", null, BOB), ALICE);
        given(queryGateway.query(any(FindFollowingQuery.class), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(new TraderPage(List.of(), null, false)));

        graphQlTester.document("{ following(handle: \"alice\") { edges { node { handle } } pageInfo { hasNextPage } } }")
                .execute().errors().verify().path("following.edges").entityList(Object.class).hasSize(0);

        verify(queryGateway).query(eq(new FindFollowingQuery(UserId.of("alice-id"), 20, null)), any(ResponseType.class));
    }

    @Test
    void theListsOfAnUnknownHandleAreEmptyPagesAndNothingElseIsAsked() {
        actAs("bob", "TRADER");
        traderIs(new FindTraderQuery("alice", null, BOB), null);

        graphQlTester.document(FOLLOWERS).execute().errors().verify()
                .path("followers.edges").entityList(Object.class).hasSize(0)
                .path("followers.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
        verify(queryGateway, never()).query(any(FindFollowersQuery.class), any(ResponseType.class));
    }

    @Test
    void aPageSizeBelowOneIsAMalformedRequest() {
        actAs("bob", "TRADER");

        graphQlTester.document("{ following(handle: \"alice\", first: 0) { pageInfo { hasNextPage } } }").execute().errors()
                .satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "MALFORMED_REQUEST")));
    }

    @Test
    void withoutACallerNoTraderIsRead() {
        for (String document : List.of(TRADER, FOLLOWERS, "{ me { handle } }")) {
            graphQlTester.document(document).execute().errors().satisfy(errors -> assertThat(errors).singleElement()
                    .satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "UNAUTHENTICATED")));
        }
        verify(queryGateway, never()).query(any(), any(ResponseType.class));
    }
}
