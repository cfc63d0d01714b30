import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GraphQL subscription client with nothing but the JDK (java.net.http's WebSocket), speaking
 * graphql-transport-ws: connection_init with {"Authorization": "Bearer <token>"}, connection_ack,
 * subscribe, then each next payload printed as one JSON line on stdout until complete, an error or
 * Ctrl-C. Pings are answered with pongs. Run from the repository root:
 * <pre>
 * java bench/Subscribe.java --url ws://localhost:8080/graphql-ws --token "$TOKEN" \
 *     'subscription { feed { id kind text author { handle } } }'
 * </pre>
 * Options: --url (default ws://localhost:8080/graphql-ws), --token (required), --count N (stop
 * after N pushes). Exit code 0 on complete or --count reached, 1 on an error, 2 when the server
 * closes the connection (4401: the token was refused).
 */
public class Subscribe {

    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([a-z_]+)\"");
    private static final Pattern PAYLOAD = Pattern.compile("\"payload\"\\s*:\\s*(.*)}\\s*$", Pattern.DOTALL);

    public static void main(String[] args) throws Exception {
        String url = "ws://localhost:8080/graphql-ws";
        String token = null;
        long count = Long.MAX_VALUE;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--token" -> token = args[++i];
                case "--count" -> count = Long.parseLong(args[++i]);
                default -> rest.add(args[i]);
            }
        }
        if (token == null || rest.size() != 1) {
            System.err.println("usage: java bench/Subscribe.java [--url ws://host:port/graphql-ws] --token TOKEN [--count N] 'subscription { ... }'");
            System.exit(64);
        }
        Listener listener = new Listener(token, rest.get(0), count);
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("graphql-transport-ws")
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(url), listener).join();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!socket.isOutputClosed()) {
                socket.sendText("{\"id\":\"1\",\"type\":\"complete\"}", true);
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            }
        }));
        listener.done.await();
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get();
        }
        System.exit(listener.exitCode);
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    static final class Listener implements WebSocket.Listener {

        final CountDownLatch done = new CountDownLatch(1);
        volatile int exitCode = 2;
        private final String token;
        private final String document;
        private final long count;
        private long received;
        private final StringBuilder partial = new StringBuilder();

        Listener(String token, String document, long count) {
            this.token = token;
            this.document = document;
            this.count = count;
        }

        @Override
        public void onOpen(WebSocket socket) {
            socket.sendText("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":" + quote("Bearer " + token) + "}}", true);
            socket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                handle(socket, message);
            }
            socket.request(1);
            return null;
        }

        private void handle(WebSocket socket, String message) {
            Matcher type = TYPE.matcher(message);
            String kind = type.find() ? type.group(1) : "";
            switch (kind) {
                case "connection_ack" -> socket.sendText("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":"
                        + quote(document) + "}}", true);
                case "ping" -> socket.sendText("{\"type\":\"pong\"}", true);
                case "next" -> {
                    System.out.println(payload(message));
                    System.out.flush();
                    if (++received >= count) {
                        socket.sendText("{\"id\":\"1\",\"type\":\"complete\"}", true);
                        finish(0);
                    }
                }
                case "error" -> {
                    System.err.println("error: " + payload(message));
                    finish(1);
                }
                case "complete" -> finish(0);
                default -> {
                }
            }
        }

        private static String payload(String message) {
            Matcher payload = PAYLOAD.matcher(message);
            return payload.find() ? payload.group(1).trim() : message;
        }

        private void finish(int code) {
            exitCode = code;
            done.countDown();
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            if (done.getCount() > 0) {
                System.err.println("closed by the server: " + statusCode + " " + reason);
                finish(2);
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            System.err.println("connection failed: " + error);
            finish(2);
        }
    }
}
