package io.tandem;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.contracts.feed.FeedUpdatesQuery;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The home feed pushed over a real WebSocket connection (issue 8, "Tests"): a post by a followed
 * trader reaches the follower's {@code feed} subscription, and a replay of the {@code home-feed}
 * processor (tokens reset, every event handled again) pushes nothing.
 */
class FeedSubscriptionEndToEndTest extends RunningApplication {

    private static final Duration REPLAY_TIMEOUT = Duration.ofMinutes(3);
    private static final String FEED = "subscription { feed { id kind text author { handle } } }";

    @Test
    void aPostOfAFollowedTraderIsPushedAndAReplayPushesNothing() {
        SocialDesk social = new SocialDesk(new TandemClient(port));
        SocialDesk.Trader follower = social.trader("fan");
        SocialDesk.Trader author = social.trader("star");
        social.follow(follower, author);

        try (GraphQlSubscriber subscriber = GraphQlSubscriber.authenticated(port, follower.token())) {
            subscriber.subscribe("feed", FEED);
            await().atMost(GraphQlSubscriber.WAIT).until(() -> openFeedSubscriptions() > 0);

            String postId = social.post(author, "hello followers");

            JsonNode pushed = subscriber.nextData("feed");
            assertThat(pushed.path("id").asText()).isEqualTo(postId);
            assertThat(pushed.path("kind").asText()).isEqualTo("TEXT");
            assertThat(pushed.path("text").asText()).isEqualTo("hello followers");
            assertThat(pushed.path("author").path("handle").asText()).isEqualTo(author.handle());

            replayHomeFeed();
            await().atMost(TradingDesk.READ_MODEL_TIMEOUT).untilAsserted(() ->
                    assertThat(social.feed(follower, 5, null).path("edges").path(0).path("node").path("id").asText()).isEqualTo(postId));

            String afterReplay = social.post(author, "after the replay");
            assertThat(subscriber.nextData("feed").path("id").asText())
                    .as("the first push after the replay is the new post, not a replayed one").isEqualTo(afterReplay);
            assertThat(subscriber.pending()).isZero();
        }
    }

    private long openFeedSubscriptions() {
        return context.getBean(QueryUpdateEmitter.class).activeSubscriptions().stream()
                .filter(subscription -> subscription.getPayload() instanceof FeedUpdatesQuery)
                .count();
    }

    /** Resets the home-feed processor to the start of the event stream and waits until it has caught up again. */
    private void replayHomeFeed() {
        PooledStreamingEventProcessor processor = context.getBean(EventProcessingConfiguration.class)
                .eventProcessor("home-feed", PooledStreamingEventProcessor.class)
                .orElseThrow(() -> new AssertionError("no pooled processor home-feed"));
        processor.shutdownAsync().join();
        processor.resetTokens();
        processor.start();
        // A real replay reads the whole event log of the shared application (every earlier test's events).
        // Caught up is enough: Axon keeps the replay flag until an event past the reset point arrives
        // (a gap near the head keeps the replay token from covering it), and the next post is such an event.
        await().atMost(REPLAY_TIMEOUT).until(() -> processor.isRunning()
                && !processor.processingStatus().isEmpty()
                && processor.processingStatus().values().stream().allMatch(EventTrackerStatus::isCaughtUp));
    }
}
