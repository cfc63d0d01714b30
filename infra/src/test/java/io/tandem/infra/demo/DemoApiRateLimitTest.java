package io.tandem.infra.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo client honours a long Retry-After in full, per user and budget, without sending anything meanwhile. */
class DemoApiRateLimitTest {

    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private HttpServer server;
    private ExecutorService executor;
    private DemoApi api;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String key = exchange.getRequestHeaders().getFirst("Authorization") + " " + exchange.getRequestURI().getPath();
            received.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            boolean limited = exchange.getRequestURI().getPath().startsWith("/api/v1/posts");
            byte[] body = (limited ? "{\"code\":\"RATE_LIMITED\"}" : "{}").getBytes(StandardCharsets.UTF_8);
            if (limited) {
                exchange.getResponseHeaders().add("Retry-After", "60");
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(limited ? 429 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        executor = Executors.newFixedThreadPool(2);
        api = new DemoApi("http://127.0.0.1:" + server.getAddress().getPort(), new ObjectMapper(), new DemoStats(), executor);
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void aLongRetryAfterHoldsBackThatUsersRequestsToThatBudgetOnly() {
        assertThat(api.post("/api/v1/posts", "alice", Map.of("text", "one")).status()).isEqualTo(429);
        assertThat(api.post("/api/v1/posts/p-1/comments", "alice", Map.of("text", "two")).status()).isEqualTo(429);
        assertThat(api.post("/api/v1/posts", "alice", Map.of("text", "three")).status()).isEqualTo(429);

        assertThat(received.get("Bearer alice /api/v1/posts")).hasValue(1);
        assertThat(received).doesNotContainKey("Bearer alice /api/v1/posts/p-1/comments");
        assertThat(api.post("/api/v1/orders", "alice", Map.of()).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/posts", "bob", Map.of("text", "bob's")).status()).isEqualTo(429);
        assertThat(received.get("Bearer bob /api/v1/posts")).hasValue(1);
    }

    @Test
    void budgetsAreTheFirstSegmentUnderTheApi() {
        assertThat(DemoApi.budgetOf("/api/v1/orders/o-1/amend")).isEqualTo("orders");
        assertThat(DemoApi.budgetOf("/api/v1/traders?x=1")).isEqualTo("traders");
        assertThat(DemoApi.budgetOf("/graphql")).isEqualTo("graphql");
    }
}
