package io.tandem;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.feed.FeedUpdatesQuery;
import io.tandem.contracts.notification.NotificationUpdatesQuery;
import io.tandem.contracts.notification.NotificationView;
import io.tandem.infra.security.GraphQlWebSocketSecurity;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GraphQL subscriptions over a real WebSocket connection to the running application: the
 * connection_init token (4401 without a valid one), pushes reaching the subscriber, the request
 * limits and the subscription limits, and no Axon subscription query left behind when a client
 * unsubscribes or goes away. The feed pushed by a followed trader's post, and nothing during a
 * replay, is {@link FeedSubscriptionEndToEndTest}.
 */
class SubscriptionsOverWebSocketEndToEndTest extends RunningApplication {

    private static final String NOTIFICATIONS = "subscription { notifications { id kind postId commentId createdAt } }";

    private TandemClient client;
    private String user;
    private String token;

    @BeforeEach
    void connectAs() {
        client = new TandemClient(port);
        user = "ws-" + UUID.randomUUID();
        token = client.token(user, "TRADER");
    }

    private int openAxonSubscriptionsOf(String userId) {
        UserId owner = UserId.of(userId);
        return (int) context.getBean(QueryUpdateEmitter.class).activeSubscriptions().stream()
                .map(subscription -> subscription.getPayload())
                .filter(query -> query instanceof NotificationUpdatesQuery notifications && notifications.owner().equals(owner)
                        || query instanceof FeedUpdatesQuery feed && feed.owner().equals(owner))
                .count();
    }

    private void emitNotification(String userId, String id) {
        context.getBean(QueryUpdateEmitter.class).emit(NotificationUpdatesQuery.class,
                query -> query.owner().equals(UserId.of(userId)),
                new NotificationView(id, "FOLLOWED", "someone", "someone", "Someone", null, null, "2026-01-01T10:00:00Z", "k-" + id));
    }

    @Test
    void aConnectionInitWithoutATokenIsClosedWith4401() {
        try (GraphQlSubscriber subscriber = GraphQlSubscriber.connect(port, Map.of())) {
            assertThat(subscriber.closeCode()).isEqualTo(4401);
        }
        try (GraphQlSubscriber subscriber = GraphQlSubscriber.connect(port, null)) {
            assertThat(subscriber.closeCode()).isEqualTo(4401);
        }
    }

    @Test
    void aConnectionInitWithABadTokenIsClosedWith4401() {
        for (String header : new String[]{"Bearer not-a-jwt", token, "Basic " + token, "Bearer " + token + "x"}) {
            try (GraphQlSubscriber subscriber = GraphQlSubscriber.connect(port, Map.of("Authorization", header))) {
                assertThat(subscriber.closeCode()).as(header).isEqualTo(4401);
            }
        }
    }

    @Test
    void aSubscribeBeforeConnectionInitIsClosedWith4401() {
        try (GraphQlSubscriber subscriber = GraphQlSubscriber.silent(port)) {
            subscriber.subscribe("1", NOTIFICATIONS);
            assertThat(subscriber.closeCode()).isEqualTo(4401);
        }
    }

    @Test
    void onlyTheUpgradeIsOpenWithoutABearerHeader() {
        assertThat(client.get("/graphql-ws", null).status()).isEqualTo(401);
    }

    @Test
    void aNotificationOfTheCallerIsPushedAndNoOneElses() {
        try (GraphQlSubscriber subscriber = GraphQlSubscriber.authenticated(port, token)) {
            subscriber.subscribe("n", NOTIFICATIONS);
            await().atMost(GraphQlSubscriber.WAIT).until(() -> openAxonSubscriptionsOf(user) == 1);

            emitNotification("someone-else", "other");
            emitNotification(user, "mine");

            JsonNode pushed = subscriber.nextData("notifications");
            assertThat(pushed.path("id").asText()).isEqualTo("mine");
            assertThat(pushed.path("kind").asText()).isEqualTo("FOLLOWED");
            assertThat(pushed.path("postId").isNull()).isTrue();
        }
    }

    @Test
    void completeAndDisconnectCloseTheAxonSubscriptionQueries() {
        GraphQlSecurityProbe probe = new GraphQlSecurityProbe(context.getBean(GraphQlWebSocketSecurity.class));
        try (GraphQlSubscriber subscriber = GraphQlSubscriber.authenticated(port, token)) {
            subscriber.subscribe("a", NOTIFICATIONS);
            subscriber.subscribe("b", NOTIFICATIONS);
            await().atMost(GraphQlSubscriber.WAIT).until(() -> openAxonSubscriptionsOf(user) == 2);
            assertThat(probe.open(user)).isEqualTo(2);

            subscriber.complete("a");
            await().atMost(GraphQlSubscriber.WAIT).until(() -> openAxonSubscriptionsOf(user) == 1 && probe.open(user) == 1);

            emitNotification(user, "after-complete");
            JsonNode message = subscriber.next();
            assertThat(message.path("id").asText()).isEqualTo("b");
            assertThat(message.path("payload").path("data").path("notifications").path("id").asText()).isEqualTo("after-complete");
        }
        await().atMost(GraphQlSubscriber.WAIT).until(() -> openAxonSubscriptionsOf(user) == 0 && probe.open(user) == 0);
    }

    @Test
    void aSubscribePastThePerConnectionLimitIsRefusedAndTheOthersStayOpen() {
        try (GraphQlSubscriber subscriber = GraphQlSubscriber.authenticated(port, token)) {
            for (int i = 1; i <= 8; i++) {
                subscriber.subscribe("s" + i, NOTIFICATIONS);
            }
            await().atMost(GraphQlSubscriber.WAIT).until(() -> openAxonSubscriptionsOf(user) == 8);

            subscriber.subscribe("s9", NOTIFICATIONS);

            JsonNode refusal = subscriber.next();
            assertThat(refusal.path("id").asText()).isEqualTo("s9");
            assertThat(refusal.toString()).contains("RATE_LIMITED");
            assertThat(openAxonSubscriptionsOf(user)).isEqualTo(8);
            assertThat(subscriber.isClosed()).isFalse();
        }
    }

    @Test
    void subscriptionDocumentsAreHeldToTheRequestLimits() {
        String tooManyFields = "subscription { notifications { " + "id kind postId commentId createdAt ".repeat(50) + "} }";
        String tooManyTokens = "subscription { notifications { " + "id ".repeat(2100) + "} }";
        try (GraphQlSubscriber subscriber = GraphQlSubscriber.authenticated(port, token)) {
            subscriber.subscribe("wide", tooManyFields);
            JsonNode refusal = subscriber.next();
            assertThat(refusal.path("id").asText()).isEqualTo("wide");
            assertThat(refusal.path("payload").path("errors").path(0).path("extensions").path("code").asText())
                    .as(refusal.toString()).isEqualTo("QUERY_TOO_COMPLEX");
            JsonNode end = subscriber.next();
            assertThat(end.path("id").asText() + " " + end.path("type").asText()).isEqualTo("wide complete");

            subscriber.subscribe("long", tooManyTokens);
            refusal = subscriber.next();
            assertThat(refusal.path("id").asText()).isEqualTo("long");
            assertThat(refusal.path("payload").path("errors").path(0).path("message").asText()).contains("2,000 'grammar' tokens");

            assertThat(openAxonSubscriptionsOf(user)).isZero();
            assertThat(context.getBean(GraphQlWebSocketSecurity.class).openSubscriptions(user)).isZero();
        }
    }

    @Test
    void overServerSentEventsASubscriptionIsPushedAndCountsAgainstTheUsersLimit() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"" + NOTIFICATIONS + "\"}")).build();
        CompletableFuture<HttpResponse<Stream<String>>> answer = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        await().atMost(GraphQlSubscriber.WAIT).until(() -> openAxonSubscriptionsOf(user) == 1);
        assertThat(context.getBean(GraphQlWebSocketSecurity.class).openSubscriptions(user)).isEqualTo(1);

        emitNotification(user, "over-sse");

        HttpResponse<Stream<String>> response = answer.get(GraphQlSubscriber.WAIT.toSeconds(), TimeUnit.SECONDS);
        try (Stream<String> lines = response.body()) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(lines.filter(line -> line.startsWith("data:")).findFirst()).hasValueSatisfying(line ->
                    assertThat(client.readJson(line.substring("data:".length())).path("data").path("notifications").path("id").asText())
                            .isEqualTo("over-sse"));
        }
    }

    /** Reads the interceptor's per-user count of open subscriptions. */
    private record GraphQlSecurityProbe(GraphQlWebSocketSecurity security) {
        int open(String userId) {
            return security.openSubscriptions(userId);
        }
    }
}
