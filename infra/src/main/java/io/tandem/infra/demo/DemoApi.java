package io.tandem.infra.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The demo's HTTP client of the platform's public API, used like any other client's: bearer tokens,
 * JSON bodies, problem details back. A 429 is honoured in full: a short {@code Retry-After} (up to
 * {@value #LONGEST_WAIT_SECONDS} s) is waited and the request sent again (a few times); a longer one
 * makes every request of that user to that part of the API (orders, traders, posts, copies...) answer
 * 429 here, unsent, until it has passed. Every other refusal is returned as an {@link Answer} for the caller to
 * count and carry on, so nothing the platform refuses can stop the demo, let alone the application.
 */
final class DemoApi {

    private static final Logger log = LoggerFactory.getLogger(DemoApi.class);
    private static final int RATE_LIMIT_RETRIES = 3;
    private static final long LONGEST_WAIT_SECONDS = 2;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final ObjectMapper json;
    private final String base;
    private final DemoStats stats;
    /** Per user (token) and budget (first path segment): until when (System.nanoTime) nothing is sent. */
    private final Map<String, Long> backOffUntil = new ConcurrentHashMap<>();

    DemoApi(String base, ObjectMapper json, DemoStats stats, ExecutorService executor) {
        this.http = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(5)).build();
        this.json = json;
        this.base = base;
        this.stats = stats;
    }

    /** A response: {@code status} -1 when no response came (the connection failed or timed out). */
    record Answer(int status, JsonNode body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        String text(String field) {
            JsonNode value = body.path(field);
            return value.isMissingNode() || value.isNull() ? null : value.asText();
        }

        /** The problem's code (RATE_LIMITED, INSUFFICIENT_FUNDS, ...), or the status for bodies without one. */
        String code() {
            String code = text("code");
            return code != null ? code : status < 0 ? "NO_RESPONSE" : "HTTP_" + status;
        }
    }

    Answer post(String path, String token, Object body) {
        return send("POST", path, token, body);
    }

    /** Like {@link #post}, for a request whose refusal with one of {@code expected} is an answer, not a refusal to count. */
    Answer post(String path, String token, Object body, Set<String> expected) {
        return send("POST", path, token, body, expected);
    }

    Answer put(String path, String token, Object body, Set<String> expected) {
        return send("PUT", path, token, body, expected);
    }

    Answer patch(String path, String token, Object body, Set<String> expected) {
        return send("PATCH", path, token, body, expected);
    }

    Answer delete(String path, String token, Set<String> expected) {
        return send("DELETE", path, token, null, expected);
    }

    /** The {@code data} of a GraphQL query, or a missing node when it failed or answered errors. */
    JsonNode graphql(String token, String query, Map<String, Object> variables) {
        Answer answer = send("POST", "/graphql", token, Map.of("query", query, "variables", variables));
        if (!answer.ok() || answer.body().has("errors")) {
            stats.refused("GRAPHQL_" + (answer.ok() ? "ERROR" : answer.code()));
            log.debug("demo: GraphQL query refused: {}", answer.body());
            return MissingNode.getInstance();
        }
        return answer.body().path("data");
    }

    /**
     * Sends one request; on 429 waits Retry-After (1 s if absent) and sends it again, a few times, or,
     * when it asks for longer than {@value #LONGEST_WAIT_SECONDS} s, holds back that user's requests to
     * that budget until it has passed (see the class comment). Interrupted (the demo stops): answers no response and leaves the interrupt flag set.
     */
    Answer send(String method, String path, String token, Object body) {
        return send(method, path, token, body, Set.of());
    }

    private Answer send(String method, String path, String token, Object body, Set<String> expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(write(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpRequest built = request.build();
        String budget = (token == null ? "" : token) + " " + budgetOf(path);
        Long until = backOffUntil.get(budget);
        if (until != null) {
            if (System.nanoTime() - until < 0) {
                stats.rateLimited();
                return new Answer(429, MissingNode.getInstance());
            }
            backOffUntil.remove(budget, until);
        }
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(built, HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(-1, MissingNode.getInstance());
            } catch (IOException e) {
                stats.refused("NO_RESPONSE");
                log.debug("demo: {} {} failed: {}", method, path, e.toString());
                return new Answer(-1, MissingNode.getInstance());
            }
            if (response.statusCode() != 429 || attempt >= RATE_LIMIT_RETRIES) {
                Answer answer = new Answer(response.statusCode(), parse(response.body()));
                if (!answer.ok() && !expected.contains(answer.code())) {
                    stats.refused(answer.code());
                }
                return answer;
            }
            stats.rateLimited();
            long seconds = Math.max(1, response.headers().firstValue("Retry-After").map(DemoApi::seconds).orElse(1L));
            if (seconds > LONGEST_WAIT_SECONDS) {
                backOffUntil.put(budget, System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds));
                return new Answer(429, parse(response.body()));
            }
            try {
                Thread.sleep(seconds * 1_000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(-1, MissingNode.getInstance());
            }
        }
    }

    /** The rate-limit budget a path draws on, as far as the demo needs to tell them apart: its first segment under /api/v1 (or under / elsewhere). */
    static String budgetOf(String path) {
        String rest = path.startsWith("/api/v1/") ? path.substring("/api/v1/".length())
                : path.startsWith("/") ? path.substring(1) : path;
        int end = rest.indexOf('/');
        int query = rest.indexOf('?');
        if (query >= 0 && (end < 0 || query < end)) {
            end = query;
        }
        return end < 0 ? rest : rest.substring(0, end);
    }

    private static long seconds(String retryAfter) {
        try {
            return Long.parseLong(retryAfter.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private String write(Object body) {
        try {
            return body instanceof String text ? text : json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write a demo request body", e);
        }
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }
}
