package io.tandem.query.feed;

import io.tandem.contracts.common.UserId;
import io.tandem.contracts.feed.FeedEntry;
import io.tandem.contracts.feed.FeedPage;
import io.tandem.contracts.feed.FindFeedQuery;
import io.tandem.contracts.notification.FindNotificationsQuery;
import io.tandem.contracts.notification.NotificationPage;
import io.tandem.contracts.notification.NotificationView;
import io.tandem.contracts.post.FindPostsByIdQuery;
import io.tandem.contracts.post.PostId;
import io.tandem.contracts.post.PostPage;
import io.tandem.contracts.post.PostView;
import io.tandem.query.GraphQlTestSupport;
import io.tandem.query.api.GraphQlLimitsConfiguration;
import io.tandem.query.notification.NotificationController;
import io.tandem.query.post.PostController;
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

@GraphQlTest({FeedController.class, NotificationController.class, PostController.class})
@Import(GraphQlLimitsConfiguration.class)
class FeedControllerTest extends GraphQlTestSupport {

    private static final UserId BOB = UserId.of("bob");
    private static final String FEED = "{ feed(first: 3, after: \"f0\") { edges { cursor node { id text author { handle } } } "
            + "pageInfo { hasNextPage endCursor } } }";

    @Autowired
    private GraphQlTester graphQlTester;

    @MockitoBean
    private QueryGateway queryGateway;

    private static PostView post(String id) {
        return new PostView(id, "alice-id", "Alice", "Alice A", "TEXT", "text of " + id, List.of(), List.of(),
                "2025-01-01T10:00:00Z", 0, false, 0, null, null);
    }

    @Test
    void theFeedIsTheTimelinesPageOfPostsInTimelineOrderWithTheTimelinesCursors() {
        actAs("bob", "TRADER");
        given(queryGateway.query(eq(new FindFeedQuery(BOB, 3, "f0")), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(new FeedPage(List.of(
                        new FeedEntry("post-3", "f3"), new FeedEntry("post-2", "f2"), new FeedEntry("post-1", "f1")), "f1", true)));
        // post-2 was deleted between the two reads; the posts come back in any order
        given(queryGateway.query(eq(new FindPostsByIdQuery(List.of(PostId.of("post-3"), PostId.of("post-2"), PostId.of("post-1")), BOB)),
                any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(new PostPage(List.of(post("post-1"), post("post-3")), null, false)));

        graphQlTester.document(FEED).execute().errors().verify()
                .path("feed.edges[*].node.id").entityList(String.class).containsExactly("post-3", "post-1")
                .path("feed.edges[*].cursor").entityList(String.class).containsExactly("f3", "f1")
                .path("feed.edges[0].node.author.handle").entity(String.class).isEqualTo("Alice")
                .path("feed.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true)
                .path("feed.pageInfo.endCursor").entity(String.class).isEqualTo("f1");
    }

    @Test
    void aPageWhosePostsAllVanishedStillLeadsToTheNextPage() {
        actAs("bob", "TRADER");
        given(queryGateway.query(any(FindFeedQuery.class), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(new FeedPage(List.of(new FeedEntry("post-9", "f9")), "f9", true)));
        given(queryGateway.query(any(FindPostsByIdQuery.class), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(new PostPage(List.of(), null, false)));

        graphQlTester.document(FEED).execute().errors().verify()
                .path("feed.edges").entityList(Object.class).hasSize(0)
                .path("feed.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true)
                .path("feed.pageInfo.endCursor").entity(String.class).isEqualTo("f9");
    }

    @Test
    void anEmptyFeedAsksForNoPosts() {
        actAs("bob", "TRADER");
        given(queryGateway.query(any(FindFeedQuery.class), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(new FeedPage(List.of(), null, false)));

        graphQlTester.document("{ feed { edges { node { id } } pageInfo { hasNextPage } } }").execute().errors().verify()
                .path("feed.edges").entityList(Object.class).hasSize(0);
        verify(queryGateway).query(eq(new FindFeedQuery(BOB, 20, null)), any(ResponseType.class));
        verify(queryGateway, never()).query(any(FindPostsByIdQuery.class), any(ResponseType.class));
    }

    @Test
    void notificationsAreTheCallersWithTheirActors() {
        actAs("bob", "TRADER");
        given(queryGateway.query(eq(new FindNotificationsQuery(BOB, 2, null)), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(new NotificationPage(List.of(
                        new NotificationView("n2", "LIKED", "alice-id", "Alice", "Alice A", "post-1", null, "2025-01-01T10:02:00Z", "n2c"),
                        new NotificationView("n1", "FOLLOWED", "carol-id", "carol", "Carol", null, null, "2025-01-01T10:01:00Z", "n1c")),
                        "n1c", true)));

        graphQlTester.document("{ notifications(first: 2) { edges { cursor node { id kind actor { handle displayName } postId "
                        + "commentId createdAt } } pageInfo { hasNextPage endCursor } } }").execute().errors().verify()
                .path("notifications.edges[0].cursor").entity(String.class).isEqualTo("n2c")
                .path("notifications.edges[0].node.kind").entity(String.class).isEqualTo("LIKED")
                .path("notifications.edges[0].node.actor.handle").entity(String.class).isEqualTo("Alice")
                .path("notifications.edges[0].node.postId").entity(String.class).isEqualTo("post-1")
                .path("notifications.edges[1].node.kind").entity(String.class).isEqualTo("FOLLOWED")
                .path("notifications.edges[1].node.postId").valueIsNull()
                .path("notifications.pageInfo.endCursor").entity(String.class).isEqualTo("n1c");
    }

    @Test
    void withoutACallerNeitherFeedNorNotificationsAreRead() {
        for (String document : List.of(FEED, "{ notifications { edges { node { id } } } }")) {
            graphQlTester.document(document).execute().errors().satisfy(errors -> assertThat(errors).singleElement()
                    .satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "UNAUTHENTICATED")));
        }
        verify(queryGateway, never()).query(any(), any(ResponseType.class));
    }
}
