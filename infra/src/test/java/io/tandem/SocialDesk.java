package io.tandem;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The social API as a client drives it (issue 8): profiles, follow and block, posts over REST; the
 * feed and notifications over GraphQL. Users and handles are fresh per call, so tests sharing the
 * running application do not meet each other's traders.
 */
final class SocialDesk {

    static final String FEED = """
            query($first: Int, $after: String) { feed(first: $first, after: $after) {
                edges { cursor node { id kind text symbols mentions author { handle }
                                      trade { symbol side quantity averagePrice } } }
                pageInfo { hasNextPage endCursor } } }""";
    static final String NOTIFICATIONS = """
            query($first: Int) { notifications(first: $first) {
                edges { node { id kind actor { handle } postId } } pageInfo { hasNextPage } } }""";

    final TandemClient client;

    /** A user with a token, a trading account and a profile whose public account is that account. */
    record Trader(String userId, String token, String handle, String accountId) {
    }

    SocialDesk(TandemClient client) {
        this.client = client;
    }

    static String uniqueHandle(String prefix) {
        return prefix + "_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

    Trader trader(String prefix) {
        String userId = prefix + "-" + UUID.randomUUID();
        String token = client.token(userId, "TRADER");
        String accountId = client.openAccount(token);
        String handle = uniqueHandle(prefix);
        TandemClient.Response profile = client.send("PUT", "/api/v1/traders/me", token, """
                {"handle":"%s","displayName":"%s","bio":"","shareTrades":true,"publicAccountId":"%s"}"""
                .formatted(handle, prefix, accountId));
        assertThat(profile.status()).as(profile.raw()).isEqualTo(200);
        return new Trader(userId, token, handle, accountId);
    }

    void follow(Trader follower, Trader followee) {
        relation(follower, followee, "follow");
    }

    void block(Trader blocker, Trader blocked) {
        relation(blocker, blocked, "block");
    }

    private void relation(Trader actor, Trader target, String kind) {
        TandemClient.Response response = client.post("/api/v1/traders/" + target.handle() + "/" + kind, actor.token(), "");
        assertThat(response.status()).as(kind + ": " + response.raw()).isBetween(200, 204);
    }

    /** {@code POST /api/v1/posts}; answers the post id. */
    String post(Trader author, String text) {
        TandemClient.Response response = client.post("/api/v1/posts", author.token(),
                Map.of("clientPostId", "p-" + UUID.randomUUID(), "text", text));
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.text("postId");
    }

    /** The caller's {@code feed} connection; fails on GraphQL errors. */
    JsonNode feed(Trader reader, int first, String after) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("first", first);
        variables.put("after", after);
        return connection(client.graphql(reader.token(), FEED, variables), "feed");
    }

    JsonNode notifications(Trader reader, int first) {
        return connection(client.graphql(reader.token(), NOTIFICATIONS, Map.of("first", first)), "notifications");
    }

    private static JsonNode connection(JsonNode answer, String field) {
        assertThat(answer.path("errors").isMissingNode() || answer.path("errors").isEmpty()).as(answer.toString()).isTrue();
        return answer.path("data").path(field);
    }
}
