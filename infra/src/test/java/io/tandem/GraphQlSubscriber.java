package io.tandem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A graphql-transport-ws client over the JDK's WebSocket, as a browser would connect: no header on
 * the upgrade, the token in {@code connection_init}. Every message the server sends is queued as
 * JSON; pings are answered. The close code the server chose completes {@link #closed()}.
 */
final class GraphQlSubscriber implements WebSocket.Listener, AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;

    private GraphQlSubscriber(int port) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("graphql-transport-ws")
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/graphql-ws"), this)
                .join();
    }

    /** Opens a connection and sends {@code connection_init} with {@code payload} (null: no payload). */
    static GraphQlSubscriber connect(int port, Map<String, Object> payload) {
        GraphQlSubscriber subscriber = new GraphQlSubscriber(port);
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("type", "connection_init");
        if (payload != null) {
            init.put("payload", payload);
        }
        subscriber.send(init);
        return subscriber;
    }

    /** Connects with the token and waits for {@code connection_ack}. */
    static GraphQlSubscriber authenticated(int port, String token) {
        GraphQlSubscriber subscriber = connect(port, Map.of("Authorization", "Bearer " + token));
        assertThat(subscriber.next().path("type").asText()).isEqualTo("connection_ack");
        return subscriber;
    }

    /** Opens a connection without sending anything. */
    static GraphQlSubscriber silent(int port) {
        return new GraphQlSubscriber(port);
    }

    void subscribe(String id, String document) {
        send(Map.of("id", id, "type", "subscribe", "payload", Map.of("query", document)));
    }

    void complete(String id) {
        send(Map.of("id", id, "type", "complete"));
    }

    /** The next message from the server; fails after {@link #WAIT}. */
    JsonNode next() {
        try {
            JsonNode message = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(message).as("a message within " + WAIT).isNotNull();
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next {@code next} payload's {@code data.<field>}; fails on anything else. */
    JsonNode nextData(String field) {
        JsonNode message = next();
        assertThat(message.path("type").asText()).as(message.toString()).isEqualTo("next");
        assertThat(message.path("payload").path("errors").isMissingNode()).as(message.toString()).isTrue();
        return message.path("payload").path("data").path(field);
    }

    /** Messages received and not yet taken. */
    int pending() {
        return received.size();
    }

    /** The close code the server sent. */
    int closeCode() {
        try {
            return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the server did not close the connection within " + WAIT, e);
        }
    }

    boolean isClosed() {
        return closed.isDone();
    }

    private void send(Map<String, Object> message) {
        try {
            socket.sendText(JSON.writeValueAsString(message), true).join();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                JsonNode message = JSON.readTree(partial.toString());
                if ("ping".equals(message.path("type").asText())) {
                    webSocket.sendText("{\"type\":\"pong\"}", true);
                } else {
                    received.add(message);
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("not JSON: " + partial, e);
            } finally {
                partial.setLength(0);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    @Override
    public void close() {
        try {
            if (!socket.isOutputClosed() && !closed.isDone()) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
            }
        } catch (RuntimeException alreadyClosedByTheServer) {
            // nothing to close
        } finally {
            socket.abort();
        }
    }
}
