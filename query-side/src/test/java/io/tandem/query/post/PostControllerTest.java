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
import io.tandem.contracts.profile.FindTraderQuery;
import io.tandem.contracts.profile.TraderProfileView;
import io.tandem.query.GraphQlTestSupport;
import io.tandem.query.api.GraphQlLimitsConfiguration;
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
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

@GraphQlTest(PostController.class)
@Import(GraphQlLimitsConfiguration.class)
class PostControllerTest extends GraphQlTestSupport {

    private static final UserId BOB = UserId.of("bob");
    private static final TraderProfileView ALICE = new TraderProfileView("alice-id", "Alice", "Alice A", "", true,
            null, 0, 0, 2, false, false, false);
    static final PostView TEXT_POST = new PostView("post-1", "alice-id", "Alice", "Alice A", "TEXT", "buying $ACME, @bob?",
            List.of("ACME"), List.of("bob"), "2025-01-01T10:00:00Z", 3, true, 1, null, "p1");
    static final PostView TRADE_POST = new PostView("trade-1", "alice-id", "Alice", "Alice A", "TRADE", null,
            List.of("ACME"), List.of(), "2025-01-01T09:00:00Z", 0, false, 0,
            new PostView.TradeView("ACME", "BUY", "2.5", "10.40"), "p2");
    private static final String POST = "{ post(id: \"post-1\") { id author { handle displayName } kind text symbols mentions "
            + "createdAt likesCount likedByMe commentsCount trade { symbol side quantity averagePrice } } }";
    private static final String POSTS = "{ posts(handle: \"alice\", first: 2, after: \"p0\") { edges { cursor node { id kind "
            + "text trade { symbol side quantity averagePrice } } } pageInfo { hasNextPage endCursor } } }";

    @Autowired
    private GraphQlTester graphQlTester;

    @MockitoBean
    private QueryGateway queryGateway;

    private void aliceExists() {
        given(queryGateway.query(eq(new FindTraderQuery("alice", null, BOB)), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(ALICE));
    }

    private void postIs(String id, PostView view) {
        given(queryGateway.query(eq(new FindPostQuery(PostId.of(id), BOB)), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(view));
    }

    @Test
    void aPostShowsItsAuthorMentionsCountsAndWhetherTheCallerLikesIt() {
        actAs("bob", "TRADER");
        postIs("post-1", TEXT_POST);

        graphQlTester.document(POST).execute().errors().verify()
                .path("post.id").entity(String.class).isEqualTo("post-1")
                .path("post.author.handle").entity(String.class).isEqualTo("Alice")
                .path("post.author.displayName").entity(String.class).isEqualTo("Alice A")
                .path("post.kind").entity(String.class).isEqualTo("TEXT")
                .path("post.text").entity(String.class).isEqualTo("buying $ACME, @bob?")
                .path("post.symbols").entityList(String.class).containsExactly("ACME")
                .path("post.mentions").entityList(String.class).containsExactly("bob")
                .path("post.createdAt").entity(String.class).isEqualTo("2025-01-01T10:00:00Z")
                .path("post.likesCount").entity(Integer.class).isEqualTo(3)
                .path("post.likedByMe").entity(Boolean.class).isEqualTo(true)
                .path("post.commentsCount").entity(Integer.class).isEqualTo(1)
                .path("post.trade").valueIsNull();
    }

    @Test
    void anUnknownDeletedOrHiddenPostIsNullWithoutError() {
        actAs("bob", "TRADER");
        postIs("post-1", null);

        graphQlTester.document(POST).execute().errors().verify().path("post").valueIsNull();
    }

    @Test
    void aTradersPostsAreAConnectionNewestFirstWithTradesAsDecimals() {
        actAs("bob", "TRADER");
        aliceExists();
        given(queryGateway.query(eq(new FindPostsQuery(UserId.of("alice-id"), BOB, 2, "p0")), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(new PostPage(List.of(TEXT_POST, TRADE_POST), "p3", true)));

        graphQlTester.document(POSTS).execute().errors().verify()
                .path("posts.edges[0].cursor").entity(String.class).isEqualTo("p1")
                .path("posts.edges[1].node.kind").entity(String.class).isEqualTo("TRADE")
                .path("posts.edges[1].node.text").valueIsNull()
                .path("posts.edges[1].node.trade.side").entity(String.class).isEqualTo("BUY")
                .path("posts.edges[1].node.trade.quantity").entity(String.class).isEqualTo("2.5")
                .path("posts.edges[1].node.trade.averagePrice").entity(String.class).isEqualTo("10.40")
                .path("posts.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true)
                .path("posts.pageInfo.endCursor").entity(String.class).isEqualTo("p3");
    }

    @Test
    void thePostsOfAnUnknownHandleAreAnEmptyPage() {
        actAs("bob", "TRADER");
        given(queryGateway.query(eq(new FindTraderQuery("alice", null, BOB)), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(null));

        graphQlTester.document(POSTS).execute().errors().verify().path("posts.edges").entityList(Object.class).hasSize(0);
        verify(queryGateway, never()).query(any(FindPostsQuery.class), any(ResponseType.class));
    }

    @Test
    void aPostsCommentsAreAConnectionOldestFirstWithTheirAuthors() {
        actAs("bob", "TRADER");
        postIs("post-1", TEXT_POST);
        given(queryGateway.query(eq(new FindCommentsQuery(PostId.of("post-1"), BOB, 5, "k0")), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(new CommentPage(List.of(
                        new CommentView("comment-1", "post-1", "bob", "bob", "Bob B", "nice @Alice", List.of("Alice"),
                                "2025-01-01T10:01:00Z", "k1")), "k1", false)));

        graphQlTester.document("{ post(id: \"post-1\") { comments(first: 5, after: \"k0\") { edges { cursor node { id "
                        + "author { handle displayName } text mentions createdAt } } pageInfo { hasNextPage endCursor } } } }")
                .execute().errors().verify()
                .path("post.comments.edges[0].cursor").entity(String.class).isEqualTo("k1")
                .path("post.comments.edges[0].node.id").entity(String.class).isEqualTo("comment-1")
                .path("post.comments.edges[0].node.author.handle").entity(String.class).isEqualTo("bob")
                .path("post.comments.edges[0].node.author.displayName").entity(String.class).isEqualTo("Bob B")
                .path("post.comments.edges[0].node.text").entity(String.class).isEqualTo("nice @Alice")
                .path("post.comments.edges[0].node.mentions").entityList(String.class).containsExactly("Alice")
                .path("post.comments.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
    }

    @Test
    void commentsNestedInAFullPageOfPostsCountTheirPageSizeTimesThePostsOne() {
        actAs("bob", "TRADER");
        aliceExists();

        graphQlTester.document("{ posts(handle: \"alice\", first: 100) { edges { node { id comments(first: 100) "
                        + "{ edges { node { text } } } } } } }").execute().errors()
                .satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "QUERY_TOO_COMPLEX")));
        verify(queryGateway, never()).query(any(), any(ResponseType.class));
    }

    @Test
    void aPageOfPostsWithAFewCommentsEachPasses() {
        actAs("bob", "TRADER");
        aliceExists();
        given(queryGateway.query(any(FindPostsQuery.class), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(new PostPage(List.of(TEXT_POST), null, false)));
        given(queryGateway.query(any(FindCommentsOfPostsQuery.class), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(new CommentPages(List.of(new CommentPage(List.of(), null, false)))));

        graphQlTester.document("{ posts(handle: \"alice\", first: 20) { edges { node { id text author { handle } "
                        + "comments(first: 5) { edges { node { text author { handle } } } } } } } }")
                .execute().errors().verify().path("posts.edges[0].node.comments.edges").entityList(Object.class).hasSize(0);
    }

    @Test
    void theFirstCommentsOfAllThePostsOfAPageAreOneQuery() {
        actAs("bob", "TRADER");
        aliceExists();
        PostView third = new PostView("post-3", "alice-id", "Alice", "Alice A", "TEXT", "third", List.of(), List.of(),
                "2025-01-01T08:00:00Z", 0, false, 0, null, "p3");
        given(queryGateway.query(any(FindPostsQuery.class), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(new PostPage(List.of(TEXT_POST, TRADE_POST, third), null, false)));
        CommentView comment = new CommentView("comment-1", "post-1", "carol-id", "carol", "Carol C", "hi", List.of(),
                "2025-01-01T10:01:00Z", "k1");
        FindCommentsOfPostsQuery batch = new FindCommentsOfPostsQuery(
                List.of(PostId.of("post-1"), PostId.of("trade-1"), PostId.of("post-3")), BOB, 2);
        given(queryGateway.query(eq(batch), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(new CommentPages(List.of(
                        new CommentPage(List.of(comment), "k1", true), new CommentPage(List.of(), null, false),
                        new CommentPage(List.of(), null, false)))));

        graphQlTester.document("{ posts(handle: \"alice\", first: 3) { edges { node { id comments(first: 2) "
                        + "{ edges { cursor node { text author { handle } } } pageInfo { hasNextPage } } } } } }")
                .execute().errors().verify()
                .path("posts.edges[0].node.comments.edges[0].node.text").entity(String.class).isEqualTo("hi")
                .path("posts.edges[0].node.comments.edges[0].node.author.handle").entity(String.class).isEqualTo("carol")
                .path("posts.edges[0].node.comments.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true)
                .path("posts.edges[1].node.comments.edges").entityList(Object.class).hasSize(0)
                .path("posts.edges[2].node.comments.edges").entityList(Object.class).hasSize(0);
        verify(queryGateway, times(1)).query(any(FindCommentsOfPostsQuery.class), any(ResponseType.class));
        verify(queryGateway, never()).query(any(FindCommentsQuery.class), any(ResponseType.class));
    }

    @Test
    void aBlankPostIdIsAMalformedRequest() {
        actAs("bob", "TRADER");

        graphQlTester.document("{ post(id: \" \") { id } }").execute().errors()
                .satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "MALFORMED_REQUEST")));
    }

    @Test
    void withoutACallerNoPostIsRead() {
        for (String document : List.of(POST, POSTS)) {
            graphQlTester.document(document).execute().errors().satisfy(errors -> assertThat(errors).singleElement()
                    .satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "UNAUTHENTICATED")));
        }
        verify(queryGateway, never()).query(any(), any(ResponseType.class));
    }
}
