package io.tandem.query.feed;

import io.tandem.contracts.common.UserId;
import io.tandem.contracts.feed.FeedEntry;
import io.tandem.contracts.feed.FeedUpdatesQuery;
import io.tandem.contracts.post.FindPostsByIdQuery;
import io.tandem.contracts.post.PostId;
import io.tandem.contracts.post.PostPage;
import io.tandem.contracts.post.PostView;
import io.tandem.query.GraphQlTestSupport;
import io.tandem.query.api.GraphQlLimitsConfiguration;
import io.tandem.query.api.TandemSubscriptionErrorResolver;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.graphql.GraphQlTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.execution.SubscriptionPublisherException;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

@GraphQlTest(FeedSubscriptionController.class)
@Import({GraphQlLimitsConfiguration.class, TandemSubscriptionErrorResolver.class})
class FeedSubscriptionControllerTest extends GraphQlTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String FEED = "subscription { feed { id kind text createdAt } }";

    @Autowired
    private GraphQlTester graphQlTester;

    @MockitoBean
    private QueryGateway queryGateway;

    private final Sinks.Many<FeedEntry> updates = Sinks.many().unicast().onBackpressureBuffer();
    @SuppressWarnings("unchecked")
    private final SubscriptionQueryResult<Boolean, FeedEntry> axonSubscription = mock(SubscriptionQueryResult.class);

    private void feedUpdatesOf(String owner) {
        given(axonSubscription.updates()).willReturn(updates.asFlux());
        given(queryGateway.subscriptionQuery(eq(new FeedUpdatesQuery(UserId.of(owner))), eq(Boolean.class), eq(FeedEntry.class)))
                .willReturn(axonSubscription);
    }

    private void postIs(String postId, String viewer, PostView post) {
        given(queryGateway.query(eq(new FindPostsByIdQuery(List.of(PostId.of(postId)), UserId.of(viewer))), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(new PostPage(post == null ? List.of() : List.of(post), null, false)));
    }

    private static PostView textPost(String id, String text) {
        return new PostView(id, "alice", "alice", "Alice", "TEXT", text, List.of(), List.of(), "2026-01-01T10:00:00Z",
                0, false, 0, null, "c-" + id);
    }

    private Flux<Map<String, Object>> subscribe() {
        return graphQlTester.document(FEED).executeSubscription().toFlux("feed", Map.class)
                .map(post -> {
                    @SuppressWarnings("unchecked") Map<String, Object> fields = post;
                    return fields;
                });
    }

    @Test
    void eachNewTimelineEntryIsPushedAsThePostTheCallerSees() {
        actAs("bob", "TRADER");
        feedUpdatesOf("bob");
        postIs("p1", "bob", textPost("p1", "first"));
        postIs("p2", "bob", textPost("p2", "second"));
        updates.tryEmitNext(new FeedEntry("p1", "k1"));
        updates.tryEmitNext(new FeedEntry("p2", "k2"));

        List<Map<String, Object>> pushed = subscribe().take(2).collectList().block(WAIT);

        assertThat(pushed).hasSize(2);
        assertThat(pushed.get(0)).containsEntry("id", "p1").containsEntry("text", "first").containsEntry("kind", "TEXT");
        assertThat(pushed.get(1)).containsEntry("id", "p2").containsEntry("text", "second");
    }

    @Test
    void anEntryWhosePostIsGoneOrHiddenByThenIsSkipped() {
        actAs("bob", "TRADER");
        feedUpdatesOf("bob");
        postIs("gone", "bob", null);
        postIs("p2", "bob", textPost("p2", "still here"));
        updates.tryEmitNext(new FeedEntry("gone", "k1"));
        updates.tryEmitNext(new FeedEntry("p2", "k2"));

        assertThat(subscribe().next().block(WAIT)).containsEntry("id", "p2");
    }

    @Test
    void unsubscribingClosesTheAxonSubscriptionQuery() {
        actAs("bob", "TRADER");
        feedUpdatesOf("bob");
        postIs("p1", "bob", textPost("p1", "first"));
        updates.tryEmitNext(new FeedEntry("p1", "k1"));

        assertThat(subscribe().next().block(WAIT)).containsEntry("id", "p1");

        verify(axonSubscription, timeout(5_000)).cancel();
        assertThat(updates.currentSubscriberCount()).isZero();
    }

    @Test
    void theEndOfTheUpdatesClosesTheAxonSubscriptionQueryToo() {
        actAs("bob", "TRADER");
        feedUpdatesOf("bob");
        updates.tryEmitComplete();

        assertThat(subscribe().collectList().block(WAIT)).isEmpty();

        verify(axonSubscription, timeout(5_000)).cancel();
    }

    @Test
    void withoutACallerNoSubscriptionQueryIsOpened() {
        assertThatThrownBy(() -> graphQlTester.document(FEED).executeSubscription().toFlux().blockLast(WAIT))
                .isInstanceOfSatisfying(SubscriptionPublisherException.class, refusal -> assertThat(refusal.getErrors())
                        .singleElement().satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "UNAUTHENTICATED")));

        verify(queryGateway, never()).subscriptionQuery(any(), any(Class.class), any(Class.class));
    }
}
