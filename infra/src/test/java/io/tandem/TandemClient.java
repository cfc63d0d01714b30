package io.tandem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain HTTP client for the running application, as a curl user would drive it: dev tokens,
 * REST commands and GraphQL queries, JSON in and out.
 */
final class TandemClient {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;

    TandemClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    record Response(int status, JsonNode body, String raw) {

        String text(String field) {
            return body.path(field).asText();
        }
    }

    Response send(String method, String path, String token, String body) {
        return send(method, path, token, body, Map.of());
    }

    /** Like {@link #send(String, String, String, String)}, with extra request headers (webhook signatures). */
    Response send(String method, String path, String token, String body, Map<String, String> headers) {
        return send(method, path, token, body, headers, null);
    }

    private Response send(String method, String path, String token, String body, Map<String, String> headers,
                          Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        if (timeout != null) {
            request.timeout(timeout);
        }
        return exchange(request.build());
    }

    Response post(String path, String token, Object body) {
        return send("POST", path, token, body instanceof String raw ? raw : write(body));
    }

    Response get(String path, String token) {
        return send("GET", path, token, null);
    }

    String token(String userId, String... roles) {
        Response response = post("/api/v1/dev/tokens", null, Map.of("userId", userId, "roles", roles));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.text("token");
    }

    String openAccount(String token) {
        Response response = post("/api/v1/accounts", token, Map.of());
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.text("accountId");
    }

    Response adjust(String adminToken, String accountId, String adjustmentId, String amount) {
        return post("/api/v1/admin/accounts/" + accountId + "/adjustments", adminToken,
                Map.of("adjustmentId", adjustmentId, "amount", amount, "reason", "test funding"));
    }

    void list(String adminToken, String symbol, String issuerAccountId, String supply) {
        Response response = list(adminToken, symbol, issuerAccountId, supply, Map.of());
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
    }

    /** Lists like {@link #list(String, String, String, String)}, with further request fields (limits), and answers the response. */
    Response list(String adminToken, String symbol, String issuerAccountId, String supply, Map<String, String> more) {
        Map<String, Object> listing = new LinkedHashMap<>(Map.of("symbol", symbol, "name", symbol + " Corp",
                "tickSize", "0.01", "lotSize", "0.0001", "makerFeeRate", "0.001", "takerFeeRate", "0.002",
                "issuerAccountId", issuerAccountId, "supply", supply));
        listing.putAll(more);
        return post("/api/v1/instruments", adminToken, listing);
    }

    Response place(String token, String accountId, String clientOrderId, String symbol, String side, String price,
                   String quantity, String timeInForce) {
        return post("/api/v1/orders", token, orderBody(accountId, clientOrderId, symbol, side, price, quantity, timeInForce));
    }

    /** The whole GraphQL response ({@code data} and {@code errors}). */
    JsonNode graphql(String token, String query, Map<String, Object> variables) {
        Response response = post("/graphql", token, Map.of("query", query, "variables", variables));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body();
    }

    JsonNode account(String token, String accountId) {
        return graphql(token, """
                query($id: ID!) { account(id: $id) { id owner type cash { available reserved }
                                                     positions { symbol quantity reserved } } }""",
                Map.of("id", accountId)).path("data").path("account");
    }

    JsonNode orders(String token, String accountId) {
        return graphql(token, """
                query($id: ID!) { orders(accountId: $id, first: 20) {
                    edges { node { orderId symbol side type price quantity filledQuantity status cancelReason } } } }""",
                Map.of("id", accountId)).path("data").path("orders");
    }

    JsonNode orderBook(String token, String symbol) {
        return graphql(token, """
                query($symbol: String!) { orderBook(symbol: $symbol, depth: 10) {
                    bids { price quantity orders } asks { price quantity orders } lastPrice } }""",
                Map.of("symbol", symbol)).path("data").path("orderBook");
    }

    JsonNode trades(String token, String symbol) {
        return graphql(token, """
                query($symbol: String!) { trades(symbol: $symbol, first: 20) {
                    edges { node { tradeId symbol price quantity aggressorSide } } } }""",
                Map.of("symbol", symbol)).path("data").path("trades");
    }

    JsonNode readJson(String text) {
        return parse(text);
    }

    /**
     * Like {@link #send(String, String, String, String)}, but gives up after {@code timeout}; a
     * connection that fails (refused, reset by a killed server, timed out) surfaces as an
     * {@link UncheckedIOException}.
     */
    Response send(String method, String path, String token, String body, Duration timeout) {
        return send(method, path, token, body, Map.of(), timeout);
    }

    /** {@code PATCH /api/v1/orders/{orderId}}: the new total quantity and/or price (null: unchanged). */
    Response amend(String token, String orderId, String price, String quantity) {
        Map<String, Object> amendment = new LinkedHashMap<>();
        if (price != null) {
            amendment.put("price", price);
        }
        if (quantity != null) {
            amendment.put("quantity", quantity);
        }
        return send("PATCH", "/api/v1/orders/" + orderId, token, write(amendment));
    }

    /** {@code DELETE /api/v1/orders/{orderId}}. */
    Response cancel(String token, String orderId) {
        return send("DELETE", "/api/v1/orders/" + orderId, token, null);
    }

    /** The JSON body {@link #place} sends, for callers that keep the exact request. */
    String orderBody(String accountId, String clientOrderId, String symbol, String side, String price, String quantity,
                     String timeInForce) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("clientOrderId", clientOrderId);
        order.put("accountId", accountId);
        order.put("symbol", symbol);
        order.put("side", side);
        order.put("type", price == null ? "MARKET" : "LIMIT");
        if (price != null) {
            order.put("price", price);
        }
        order.put("quantity", quantity);
        order.put("timeInForce", timeInForce);
        return write(order);
    }

    /** Every order of the account (all pages of GraphQL {@code orders}), newest first; fails on GraphQL errors. */
    List<JsonNode> allOrders(String token, String accountId) {
        return allNodes(token, "orders", Map.of("id", accountId), """
                query($id: ID!, $after: String) { orders(accountId: $id, first: 100, after: $after) {
                    edges { node { orderId accountId symbol side type timeInForce price quantity filledQuantity status cancelReason } }
                    pageInfo { hasNextPage endCursor } } }""");
    }

    /** Every trade on the instrument's tape (all pages of GraphQL {@code trades}), newest first. */
    List<JsonNode> allTrades(String token, String symbol) {
        return allNodes(token, "trades", Map.of("symbol", symbol), """
                query($symbol: String!, $after: String) { trades(symbol: $symbol, first: 100, after: $after) {
                    edges { node { tradeId symbol price quantity aggressorSide } }
                    pageInfo { hasNextPage endCursor } } }""");
    }

    /** The nodes of every page of the connection {@code field}, following {@code $after}; fails on GraphQL errors. */
    private List<JsonNode> allNodes(String token, String field, Map<String, Object> arguments, String query) {
        List<JsonNode> nodes = new ArrayList<>();
        String after = null;
        while (true) {
            Map<String, Object> variables = new LinkedHashMap<>(arguments);
            variables.put("after", after);
            JsonNode page = graphql(token, query, variables);
            assertThat(page.path("errors").isMissingNode() || page.path("errors").isEmpty()).as(page.toString()).isTrue();
            JsonNode connection = page.path("data").path(field);
            connection.path("edges").forEach(edge -> nodes.add(edge.path("node")));
            if (!connection.path("pageInfo").path("hasNextPage").asBoolean()) {
                return nodes;
            }
            after = connection.path("pageInfo").path("endCursor").asText();
        }
    }

    /** The order book's depth, up to 100 price levels a side. */
    JsonNode fullOrderBook(String token, String symbol) {
        return graphql(token, """
                query($symbol: String!) { orderBook(symbol: $symbol, depth: 100) {
                    bids { price quantity orders } asks { price quantity orders } lastPrice } }""",
                Map.of("symbol", symbol)).path("data").path("orderBook");
    }

    /**
     * Sends {@code body} as is, with a {@code Content-Length}, or without one in chunked transfer
     * encoding when {@code chunked}: the way a client that streams its body sends it.
     */
    Response sendBytes(String path, String token, byte[] body, boolean chunked, Map<String, String> headers) {
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).POST(publisher)
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return exchange(request.build());
    }

    private Response exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), parse(response.body()), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            return NullNode.getInstance();
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
