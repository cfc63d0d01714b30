package io.tandem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.GuardHttp.Answer;
import io.tandem.GuardHttp.Call;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.infra.api.Failure;
import io.tandem.infra.payment.WebhookSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may call what, for every endpoint the application has: one row per REST endpoint (as the
 * application's handler mappings list them) and per GraphQL field (as its schema lists them), with
 * the status each of four callers gets:
 * <ul>
 *   <li><b>none</b>: no token;</li>
 *   <li><b>other</b>: a valid TRADER token of a user who owns none of the resources named;</li>
 *   <li><b>owner</b>: the TRADER who owns the accounts, orders and payments named;</li>
 *   <li><b>admin</b>: an ADMIN acting on the owner's resources.</li>
 * </ul>
 * A GraphQL request answers HTTP 200 with errors, so a GraphQL row's status is the status its first
 * error's code has over REST, or the HTTP status when the request never got to GraphQL (401 without
 * a token). A field that answers null or an empty page without errors counts as 404: someone else's
 * account, orders and payments look exactly like unknown ones. An endpoint the application answers without a row here, or a row
 * for an endpoint it no longer has, fails {@link #everyEndpointHasARow()}: a new endpoint must be
 * given its expected statuses before it can ship. Requests that change something get fresh resources
 * per caller (a new resting order to cancel, a new payment id), so the columns do not interfere.
 */
class AuthorizationMatrixEndToEndTest extends RunningApplication {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger UNIQUE = new AtomicInteger();

    private static final List<Row> REST = List.of(
            //   endpoint                                                   request                                                                     none other owner admin
            rest("POST /api/v1/dev/tokens", f -> Call.json("POST", "/api/v1/dev/tokens", "{\"userId\":\"someone\",\"roles\":[\"ADMIN\"]}"), 200, 200, 200, 200),
            rest("POST /api/v1/accounts", f -> Call.json("POST", "/api/v1/accounts", "{}"), 401, 201, 201, 201),
            rest("POST /api/v1/accounts/{accountId}/deposits", f -> Call.json("POST", "/api/v1/accounts/" + f.account + "/deposits", f.payment("10.00")), 401, 404, 202, 404),
            rest("POST /api/v1/accounts/{accountId}/withdrawals", f -> Call.json("POST", "/api/v1/accounts/" + f.account + "/withdrawals", f.payment("1.00")), 401, 404, 202, 404),
            rest("GET /api/v1/payments/{paymentId}", f -> Call.of("GET", "/api/v1/payments/" + f.paymentId), 401, 404, 200, 200),
            rest("POST /api/v1/orders", f -> Call.json("POST", "/api/v1/orders", f.order()), 401, 404, 201, 403),
            rest("PATCH /api/v1/orders/{orderId}", f -> Call.json("PATCH", "/api/v1/orders/" + f.restingOrder(), "{\"quantity\":\"1\"}"), 401, 404, 200, 200),
            rest("DELETE /api/v1/orders/{orderId}", f -> Call.of("DELETE", "/api/v1/orders/" + f.restingOrder()), 401, 404, 200, 200),
            rest("POST /api/v1/instruments", f -> Call.json("POST", "/api/v1/instruments", f.listing()), 401, 403, 403, 201),
            rest("POST /api/v1/admin/accounts/{accountId}/adjustments", f -> Call.json("POST", "/api/v1/admin/accounts/" + f.account + "/adjustments", f.adjustment()), 401, 403, 403, 200),
            rest("GET /api/v1/admin/ledger", f -> Call.of("GET", "/api/v1/admin/ledger"), 401, 403, 403, 200),
            // Audit (issue 11): admins only; an unknown job is 404 to them.
            rest("GET /api/v1/admin/audit/aggregates/{aggregateId}/history", f -> Call.of("GET", "/api/v1/admin/audit/aggregates/"
                    + f.account + "/history"), 401, 403, 403, 200),
            rest("GET /api/v1/admin/audit/aggregates/{aggregateId}/state", f -> Call.of("GET", "/api/v1/admin/audit/aggregates/"
                    + f.account + "/state?seq=0"), 401, 403, 403, 200),
            rest("POST /api/v1/admin/audit/rebuild", f -> Call.json("POST", "/api/v1/admin/audit/rebuild", "{\"processor\":\"no-such-group\"}"), 401, 403, 403, 404),
            // A verification of every read model would run under the fuzz test that shares this application: an unknown group instead.
            rest("POST /api/v1/admin/audit/verify/read-models", f -> Call.json("POST", "/api/v1/admin/audit/verify/read-models",
                    "{\"groups\":[\"no-such-group\"]}"), 401, 403, 403, 404),
            rest("POST /api/v1/admin/audit/verify/chain", f -> Call.of("POST", "/api/v1/admin/audit/verify/chain"), 401, 403, 403, 202),
            rest("POST /api/v1/admin/audit/verify/ledger", f -> Call.of("POST", "/api/v1/admin/audit/verify/ledger"), 401, 403, 403, 202),
            rest("GET /api/v1/admin/audit/jobs/{jobId}", f -> Call.of("GET", "/api/v1/admin/audit/jobs/unknown-job"), 401, 403, 403, 404),
            // Webhooks carry no bearer token: the provider's signature decides, whoever else calls.
            rest("POST /api/v1/payments/webhooks/{provider}", f -> f.signedWebhook("simulator", "unknown-payment"), 404, 404, 404, 404),
            rest("POST /api/v1/payments/webhooks/{provider}", f -> f.unsignedWebhook("simulator"), 401, 401, 401, 401),
            rest("POST /api/v1/payments/webhooks/{provider}", f -> f.signedWebhook("no-such-provider", "unknown-payment"), 404, 404, 404, 404),
            rest("GET /actuator", f -> Call.of("GET", "/actuator"), 401, 200, 200, 200),
            rest("GET /actuator/health", f -> Call.of("GET", "/actuator/health"), 200, 200, 200, 200),
            rest("GET /actuator/health/**", f -> Call.of("GET", "/actuator/health/ping"), 404, 404, 404, 404),
            rest("GET /v3/api-docs", f -> Call.of("GET", "/v3/api-docs"), 200, 200, 200, 200),
            rest("GET /v3/api-docs.yaml", f -> Call.of("GET", "/v3/api-docs.yaml"), 200, 200, 200, 200),
            rest("GET /v3/api-docs/swagger-config", f -> Call.of("GET", "/v3/api-docs/swagger-config"), 200, 200, 200, 200),
            rest("GET /swagger-ui.html", f -> Call.of("GET", "/swagger-ui.html"), 302, 302, 302, 302),
            rest("GET /graphiql", f -> Call.of("GET", "/graphiql"), 307, 307, 307, 307),
            rest("POST /graphql (GraphQL)", f -> Call.json("POST", "/graphql", "{\"query\":\"{ __typename }\"}"), 401, 200, 200, 200),
            rest("POST /graphql (SSE)", f -> Call.json("POST", "/graphql", "{\"query\":\"{ __typename }\"}").withHeader("Accept", "text/event-stream"), 401, 200, 200, 200),
            // What neither GraphQL route takes (another content type) falls through to a 415; GET to a 405.
            rest("POST /graphql", f -> new Call("POST", "/graphql", Map.of(), "{ __typename }".getBytes(StandardCharsets.UTF_8), "text/plain"), 401, 415, 415, 415),
            rest("GET /graphql", f -> Call.of("GET", "/graphql?query=%7B__typename%7D"), 401, 405, 405, 405),
            // The servlet container forwards errors here; asked for directly, it is a path without an endpoint.
            rest("ANY /error", f -> Call.of("GET", "/error"), 404, 404, 404, 404),
            // Profiles: the owner names their own account as public account; the other trader and the admin
            // name the same account, which is not theirs (403 before the handle is looked at). Relations are the
            // caller's own: every caller with a token has a profile (Fixture.profiles), so each may follow, mute
            // and block; each relation has its own target, so the rows do not interfere. PROFILE_REQUIRED is
            // ProfileEntryIntegrationTest's.
            rest("PUT /api/v1/traders/me", f -> Call.json("PUT", "/api/v1/traders/me", f.ownerProfile()), 401, 403, 200, 403),
            rest("POST /api/v1/traders/{handle}/follow", f -> Call.of("POST", "/api/v1/traders/" + Fixture.FOLLOWED + "/follow"), 401, 200, 200, 200),
            rest("DELETE /api/v1/traders/{handle}/follow", f -> Call.of("DELETE", "/api/v1/traders/" + Fixture.FOLLOWED + "/follow"), 401, 200, 200, 200),
            rest("POST /api/v1/traders/{handle}/mute", f -> Call.of("POST", "/api/v1/traders/" + Fixture.MUTED + "/mute"), 401, 200, 200, 200),
            rest("DELETE /api/v1/traders/{handle}/mute", f -> Call.of("DELETE", "/api/v1/traders/" + Fixture.MUTED + "/mute"), 401, 200, 200, 200),
            rest("POST /api/v1/traders/{handle}/block", f -> Call.of("POST", "/api/v1/traders/" + Fixture.BLOCKED + "/block"), 401, 200, 200, 200),
            rest("DELETE /api/v1/traders/{handle}/block", f -> Call.of("DELETE", "/api/v1/traders/" + Fixture.BLOCKED + "/block"), 401, 200, 200, 200),
            // Posts: every caller with a token has a profile (Fixture.profiles); "owner" is the post's author.
            rest("POST /api/v1/posts", f -> f.profiles().newPostCall(), 401, 201, 201, 201),
            rest("DELETE /api/v1/posts/{postId}", f -> Call.of("DELETE", "/api/v1/posts/" + f.profiles().ownersPost()), 401, 403, 204, 204),
            rest("POST /api/v1/posts/{postId}/comments", f -> Call.json("POST", "/api/v1/posts/" + f.profiles().ownersPost() + "/comments",
                    write(Map.of("clientCommentId", "matrix-" + UNIQUE.incrementAndGet(), "text", "matrix comment"))), 401, 201, 201, 201),
            rest("DELETE /api/v1/posts/{postId}/comments/{commentId}", f -> f.profiles().ownersCommentDeletion(), 401, 403, 204, 204),
            rest("POST /api/v1/posts/{postId}/likes", f -> Call.of("POST", "/api/v1/posts/" + f.profiles().ownersPost() + "/likes"), 401, 200, 200, 200),
            rest("DELETE /api/v1/posts/{postId}/likes", f -> Call.of("DELETE", "/api/v1/posts/" + f.profiles().ownersPost() + "/likes"), 401, 200, 200, 200),
            // Copies: "owner" is the copier, copying Fixture.LEADER from the owner's account. Starting names the owner's
            // account (someone else's is 404 as for orders); an admin token is no trader's (403, as for orders). Every
            // other row acts on a new copy of the owner's (a paused one to resume): someone else's copy is 404
            // COPY_NOT_FOUND as an unknown one, and the copier or an admin manage it. The new copies hold no position,
            // so closing one is NO_COPIED_POSITION to those who may ask.
            rest("POST /api/v1/copies", f -> Call.json("POST", "/api/v1/copies", f.copyStart()), 401, 404, 201, 403),
            rest("POST /api/v1/copies/{copyId}/pause", f -> Call.of("POST", "/api/v1/copies/" + f.ownersCopy() + "/pause"), 401, 404, 200, 200),
            rest("POST /api/v1/copies/{copyId}/resume", f -> Call.of("POST", "/api/v1/copies/" + f.ownersPausedCopy() + "/resume"), 401, 404, 200, 200),
            rest("POST /api/v1/copies/{copyId}/add-funds", f -> Call.json("POST", "/api/v1/copies/" + f.ownersCopy() + "/add-funds",
                    "{\"amount\":\"1.00\"}"), 401, 404, 200, 200),
            rest("POST /api/v1/copies/{copyId}/remove-funds", f -> Call.json("POST", "/api/v1/copies/" + f.ownersCopy() + "/remove-funds",
                    "{\"amount\":\"1.00\"}"), 401, 404, 200, 200),
            rest("POST /api/v1/copies/{copyId}/positions/{symbol}/close", f -> Call.of("POST", "/api/v1/copies/" + f.ownersCopy()
                    + "/positions/" + f.symbol + "/close"), 401, 404, 422, 422),
            rest("DELETE /api/v1/copies/{copyId}", f -> Call.of("DELETE", "/api/v1/copies/" + f.ownersCopy()), 401, 404, 202, 202));

    /** Fields that show only the caller's own data: null or an empty page there means "not yours or not there". */
    private static final Set<String> OWNER_SCOPED = Set.of("Query.account", "Query.orders", "Query.payments", "Query.payment",
            "Query.copies", "Query.copy", "Query.portfolio", "Query.equityHistory");

    private static final List<Row> GRAPHQL = List.of(
            graphql("Query.account", "query($id: ID!) { account(id: $id) { id owner cash { available } } }", f -> Map.of("id", f.account), 401, 404, 200, 200),
            graphql("Query.orders", "query($id: ID!) { orders(accountId: $id, first: 5) { edges { node { orderId } } } }", f -> Map.of("id", f.account), 401, 404, 200, 200),
            graphql("Query.payments", "query($id: ID!) { payments(accountId: $id, first: 5) { edges { node { paymentId } } } }", f -> Map.of("id", f.account), 401, 404, 200, 200),
            graphql("Query.payment", "query($id: ID!) { payment(id: $id) { paymentId status } }", f -> Map.of("id", f.paymentId), 401, 404, 200, 200),
            graphql("Query.orderBook", "query($s: String!) { orderBook(symbol: $s, depth: 5) { bids { price } } }", f -> Map.of("s", f.symbol), 401, 200, 200, 200),
            graphql("Query.trades", "query($s: String!) { trades(symbol: $s, first: 5) { edges { node { tradeId } } } }", f -> Map.of("s", f.symbol), 401, 200, 200, 200),
            graphql("Query.candles", "query($s: String!) { candles(symbol: $s, interval: M1, first: 5) { edges { node { start close } } } }",
                    f -> Map.of("s", f.symbol), 401, 200, 200, 200),
            graphql("Query.instruments", "{ instruments { symbol lastPrice change24h } }", f -> Map.of(), 401, 200, 200, 200),
            graphql("Query.portfolio", "query($id: ID!) { portfolio(accountId: $id) { accountId cash equity positions { symbol } } }",
                    f -> Map.of("id", f.account), 401, 404, 200, 200),
            graphql("Query.equityHistory", "query($id: ID!) { equityHistory(accountId: $id) { day equity } }",
                    f -> Map.of("id", f.account), 401, 404, 200, 200),
            // The leaderboard and a trader's stats are public to every authenticated user.
            graphql("Query.leaderboard", "{ leaderboard(period: D30, first: 5) { computedAt edges { node { rank stats { returnPercent } } } } }",
                    f -> Map.of(), 401, 200, 200, 200),
            // Introspection is not a schema field, but GraphiQL needs it: open to anyone with a token.
            graphql("Query.__schema", "{ __schema { queryType { name } } }", f -> Map.of(), 401, 200, 200, 200),
            // Social fields: profiles, follow lists and posts are public to every authenticated user, and me, feed and
            // notifications are each caller's own, so nothing is someone else's here: null or an empty page (no profile,
            // an unknown handle or post) is an ordinary answer, not a hidden resource, and these fields are not OWNER_SCOPED.
            graphql("Query.me", "{ me { handle followersCount } }", f -> Map.of(), 401, 200, 200, 200),
            graphql("Query.trader", "query($h: String!) { trader(handle: $h) { handle followedByMe } }", f -> Map.of("h", "nobody_here"), 401, 200, 200, 200),
            graphql("Query.followers", "query($h: String!) { followers(handle: $h, first: 5) { edges { node { handle } } } }", f -> Map.of("h", "nobody_here"), 401, 200, 200, 200),
            graphql("Query.following", "query($h: String!) { following(handle: $h, first: 5) { edges { node { handle } } } }", f -> Map.of("h", "nobody_here"), 401, 200, 200, 200),
            graphql("Query.posts", "query($h: String!) { posts(handle: $h, first: 5) { edges { node { id text } } } }", f -> Map.of("h", "nobody_here"), 401, 200, 200, 200),
            graphql("Query.post", "query($id: ID!) { post(id: $id) { id author { handle } comments(first: 5) { edges { node { text } } } } }", f -> Map.of("id", "post-unknown"), 401, 200, 200, 200),
            graphql("Query.feed", "{ feed(first: 5) { edges { cursor node { id } } } }", f -> Map.of(), 401, 200, 200, 200),
            graphql("Query.notifications", "{ notifications(first: 5) { edges { node { kind } } } }", f -> Map.of(), 401, 200, 200, 200),
            // Copies are their copier's (admins see all): someone else's copy, or the copies of someone else's account,
            // answer null or an empty list as unknown ones. A leader's copier count is public (the list is the leader's).
            graphql("Query.copies", "query($id: ID!) { copies(accountId: $id) { id status } }", f -> Map.of("id", f.standingCopyAccount()), 401, 404, 200, 200),
            graphql("Query.copy", "query($id: ID!) { copy(id: $id) { id status invested orders(first: 5) { edges { node { kind } } } } }",
                    f -> Map.of("id", f.standingCopy()), 401, 404, 200, 200),
            graphql("Query.copiers", "query($h: String!) { copiers(handle: $h, first: 5) { count edges { node { copyId } } } }",
                    f -> Map.of("h", Fixture.LEADER), 401, 200, 200, 200),
            // Subscriptions stream over WebSocket or SSE only (SubscriptionsOverWebSocketEndToEndTest); a plain POST is malformed.
            graphql("Subscription.feed", "subscription { feed { id } }", f -> Map.of(), 401, 400, 400, 400),
            graphql("Subscription.notifications", "subscription { notifications { id } }", f -> Map.of(), 401, 400, 400, 400),
            graphql("Subscription.trades", "subscription($s: String!) { trades(symbol: $s) { tradeId } }", f -> Map.of("s", f.symbol), 401, 400, 400, 400),
            graphql("Subscription.orderBook", "subscription($s: String!) { orderBook(symbol: $s) { lastPrice } }", f -> Map.of("s", f.symbol), 401, 400, 400, 400),
            graphql("Subscription.candles", "subscription($s: String!) { candles(symbol: $s, interval: H1) { close } }", f -> Map.of("s", f.symbol), 401, 400, 400, 400));

    private GuardHttp http;
    private Fixture fixture;

    /** The four callers, in the order of the table's columns. */
    enum Caller { NONE, OTHER, OWNER, ADMIN }

    record Row(String endpoint, Function<Fixture, Call> request, int[] expected) {

        String describe(int[] statuses) {
            return "%-55s none %3d  other %3d  owner %3d  admin %3d".formatted(endpoint,
                    statuses[0], statuses[1], statuses[2], statuses[3]);
        }
    }

    private static Row rest(String endpoint, Function<Fixture, Call> request, int none, int other, int owner, int admin) {
        return new Row(endpoint, request, new int[]{none, other, owner, admin});
    }

    private static Row graphql(String field, String query, Function<Fixture, Map<String, Object>> variables,
                               int none, int other, int owner, int admin) {
        return new Row(field, f -> Call.json("POST", "/graphql", write(Map.of("query", query, "variables", variables.apply(f)))),
                new int[]{none, other, owner, admin});
    }

    @BeforeEach
    void fixture() {
        http = new GuardHttp(port);
        fixture = new Fixture(new TandemClient(port));
    }

    @AfterEach
    void ledgerStillBalances() {
        LedgerInvariant.awaitBalanced(fixture.client, fixture.admin);
    }

    @Test
    void everyEndpointHasARow() {
        Set<String> rows = new TreeSet<>();
        REST.forEach(row -> rows.add(row.endpoint()));
        Set<String> fields = new TreeSet<>();
        GRAPHQL.stream().map(Row::endpoint).filter(field -> !field.contains(".__")).forEach(fields::add);

        assertThat(ApplicationEndpoints.rest(context)).as("REST endpoints of the application vs rows of the matrix")
                .containsExactlyInAnyOrderElementsOf(rows);
        assertThat(ApplicationEndpoints.graphql(context)).as("GraphQL fields of the schema vs rows of the matrix")
                .containsExactlyInAnyOrderElementsOf(fields);
    }

    @Test
    void everyCallerGetsTheStatusItsRowSays() {
        List<String> table = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        List<Row> rows = new ArrayList<>(REST);
        rows.addAll(GRAPHQL);
        for (Row row : rows) {
            int[] actual = new int[Caller.values().length];
            for (Caller caller : Caller.values()) {
                Call call = row.request().apply(fixture);
                Answer answer = http.send(call, fixture.token(caller));
                actual[caller.ordinal()] = row.endpoint().contains(".") && !row.endpoint().contains(" ")
                        ? graphqlStatus(row.endpoint(), answer) : answer.status();
                if (actual[caller.ordinal()] != row.expected()[caller.ordinal()]) {
                    wrong.add(row.endpoint() + " as " + caller + ": expected " + row.expected()[caller.ordinal()]
                            + ", got " + actual[caller.ordinal()] + " " + abbreviate(answer.body()) + "\n    for " + call);
                }
            }
            table.add(row.describe(actual));
        }
        System.out.println("Authorization matrix as answered:\n" + String.join("\n", table));
        assertThat(wrong).as("cells that differ from the matrix").isEmpty();
    }

    /** The HTTP status, or for a GraphQL answer with errors, the REST status of the first error's code. */
    private static int graphqlStatus(String field, Answer answer) {
        if (answer.status() != 200) {
            return answer.status();
        }
        JsonNode body = read(answer.body());
        JsonNode errors = body.path("errors");
        if (errors.isEmpty()) {
            JsonNode value = body.path("data").elements().hasNext() ? body.path("data").elements().next() : null;
            boolean hidden = value == null || value.isNull()
                    || (value.has("edges") && value.path("edges").isEmpty())
                    || (value.isArray() && value.isEmpty());
            return hidden && OWNER_SCOPED.contains(field) ? 404 : 200;
        }
        String code = errors.path(0).path("extensions").path("code").asText();
        return Arrays.stream(ErrorCode.values()).filter(known -> known.name().equals(code)).findFirst()
                .map(known -> Failure.statusOf(known.category()).value())
                .orElseGet(() -> "ValidationError".equals(errors.path(0).path("extensions").path("classification").asText())
                        ? 400 : 500);
    }

    /**
     * The resources the rows name: one instrument, the owner's account on it (its issuer, funded), a
     * payment of that account, the owner's trader profile and three traders to follow, mute and
     * block; and tokens for the four callers.
     */
    static final class Fixture {

        static final String OWNER_HANDLE = "matrix_owner";
        static final String FOLLOWED = "matrix_followed";
        static final String MUTED = "matrix_muted";
        static final String BLOCKED = "matrix_blocked";
        static final String LEADER = "matrix_leader";

        final TandemClient client;
        final String admin;
        final String owner;
        final String other;
        final String account;
        final String symbol;
        final String paymentId;
        private boolean profiled;
        private String standingCopy;

        Fixture(TandemClient client) {
            this.client = client;
            this.admin = client.token("matrix-admin", "ADMIN");
            this.owner = client.token("matrix-owner", "TRADER");
            this.other = client.token("matrix-other", "TRADER");
            this.account = client.openAccount(owner);
            this.symbol = "MX" + UNIQUE.incrementAndGet();
            client.list(admin, symbol, account, "1000000");
            assertThat(client.adjust(admin, account, "matrix-funding", "100000.00").status()).isEqualTo(200);
            TandemClient.Response deposit = client.post("/api/v1/accounts/" + account + "/deposits", owner,
                    Map.of("paymentId", "matrix-deposit", "amount", "10.00"));
            assertThat(deposit.status()).as(deposit.raw()).isEqualTo(202);
            this.paymentId = deposit.text("paymentId");
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    client.get("/api/v1/payments/" + paymentId, owner).status() == 200
                            && !client.account(owner, account).isMissingNode()
                            && !client.orderBook(owner, symbol).isNull());
            setProfile(owner, ownerProfile());
            for (String target : List.of(FOLLOWED, MUTED, BLOCKED)) {
                setProfile(client.token(target.replace('_', '-'), "TRADER"), write(Map.of("handle", target, "displayName", target)));
            }
            profiles();
            String leader = client.token("matrix-leader", "TRADER");
            setProfile(leader, write(Map.of("handle", LEADER, "displayName", LEADER, "publicAccountId", client.openAccount(leader),
                    "acceptsCopiers", true)));
        }

        private void setProfile(String token, String body) {
            TandemClient.Response set = client.send("PUT", "/api/v1/traders/me", token, body);
            assertThat(set.status()).as(set.raw()).isEqualTo(200);
        }

        /** The owner's profile, with the owner's account as public account. */
        String ownerProfile() {
            return write(Map.of("handle", OWNER_HANDLE, "displayName", "Matrix owner", "publicAccountId", account));
        }

        String token(Caller caller) {
            return switch (caller) {
                case NONE -> null;
                case OTHER -> other;
                case OWNER -> owner;
                case ADMIN -> admin;
            };
        }

        String payment(String amount) {
            return write(Map.of("paymentId", "matrix-" + UNIQUE.incrementAndGet(), "amount", amount));
        }

        String order() {
            return client.orderBody(account, "matrix-" + UNIQUE.incrementAndGet(), symbol, "BUY", "5.00", "2", "GTC");
        }

        /** A new resting buy of the owner's, far below any ask. */
        String restingOrder() {
            TandemClient.Response placed = client.post("/api/v1/orders", owner, order());
            assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
            return placed.text("orderId");
        }

        String listing() {
            return write(Map.of("symbol", "MX" + UNIQUE.incrementAndGet(), "name", "Matrix listing",
                    "tickSize", "0.01", "lotSize", "0.0001", "makerFeeRate", "0.001", "takerFeeRate", "0.002",
                    "issuerAccountId", account, "supply", "1000"));
        }

        String adjustment() {
            return write(Map.of("adjustmentId", "matrix-" + UNIQUE.incrementAndGet(), "amount", "1.00", "reason", "matrix"));
        }

        /** Gives the other trader and the admin a trader profile (the owner has one): social actions need one. */
        Fixture profiles() {
            if (!profiled) {
                for (String[] user : new String[][]{{other, "matrix_other"}, {admin, "matrix_admin"}}) {
                    TandemClient.Response set = client.send("PUT", "/api/v1/traders/me", user[0], write(Map.of(
                            "handle", user[1], "displayName", user[1], "bio", "", "shareTrades", false)));
                    assertThat(set.status()).as(set.raw()).isEqualTo(200);
                }
                profiled = true;
            }
            return this;
        }

        Call newPostCall() {
            return Call.json("POST", "/api/v1/posts", write(Map.of("clientPostId", "matrix-" + UNIQUE.incrementAndGet(), "text", "matrix post")));
        }

        /** A new post of the owner's. */
        String ownersPost() {
            TandemClient.Response created = client.post("/api/v1/posts", owner,
                    Map.of("clientPostId", "matrix-" + UNIQUE.incrementAndGet(), "text", "matrix post"));
            assertThat(created.status()).as(created.raw()).isEqualTo(201);
            return created.text("postId");
        }

        /** Deleting a new comment of the owner's on a new post of the owner's. */
        Call ownersCommentDeletion() {
            String postId = ownersPost();
            TandemClient.Response comment = client.post("/api/v1/posts/" + postId + "/comments", owner,
                    Map.of("clientCommentId", "matrix-" + UNIQUE.incrementAndGet(), "text", "matrix comment"));
            assertThat(comment.status()).as(comment.raw()).isEqualTo(201);
            return Call.of("DELETE", "/api/v1/posts/" + postId + "/comments/" + comment.text("commentId"));
        }

        /** A new copy of the leader by the owner, from the owner's account, with the least amount a copy may have. */
        String copyStart() {
            return write(Map.of("clientCopyId", "matrix-" + UNIQUE.incrementAndGet(), "fromAccountId", account,
                    "leader", LEADER, "amount", "100.00", "stopLossPercent", "50"));
        }

        /** A new copy of the owner's; answers its id. */
        String ownersCopy() {
            TandemClient.Response started = client.post("/api/v1/copies", owner, copyStart());
            assertThat(started.status()).as(started.raw()).isEqualTo(201);
            return started.text("copyId");
        }

        /** A new copy of the owner's, paused. */
        String ownersPausedCopy() {
            String copyId = ownersCopy();
            TandemClient.Response paused = client.post("/api/v1/copies/" + copyId + "/pause", owner, "");
            assertThat(paused.status()).as(paused.raw()).isEqualTo(200);
            return copyId;
        }

        /**
         * One copy of the owner's that the read rows look at, started once per fixture and awaited
         * in the read model (GraphQL {@code copy}), so an empty answer means "not yours", never "not yet".
         */
        String standingCopy() {
            if (standingCopy == null) {
                String copyId = ownersCopy();
                await().atMost(Duration.ofSeconds(30)).until(() -> copyId.equals(client.graphql(owner,
                        "query($id: ID!) { copy(id: $id) { id } }", Map.of("id", copyId)).path("data").path("copy").path("id").asText()));
                standingCopy = copyId;
            }
            return standingCopy;
        }

        /** The account the standing copy came from (the owner's), once that copy shows in the read model. */
        String standingCopyAccount() {
            standingCopy();
            return account;
        }

        Call signedWebhook(String provider, String payment) {
            String body = write(Map.of("paymentId", payment, "status", "DECLINED", "reason", "matrix"));
            WebhookSignature signature = new WebhookSignature(new SecretKeySpec(
                    WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), Duration.ofMinutes(5), Clock.systemUTC());
            long now = signature.now();
            return Call.json("POST", "/api/v1/payments/webhooks/" + provider, body)
                    .withHeader(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now))
                    .withHeader(WebhookSignature.SIGNATURE_HEADER, signature.sign(now, body.getBytes(StandardCharsets.UTF_8)));
        }

        Call unsignedWebhook(String provider) {
            return Call.json("POST", "/api/v1/payments/webhooks/" + provider,
                    write(Map.of("paymentId", paymentId, "status", "CONFIRMED", "reference", "forged")));
        }
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body == null ? "" : body);
        } catch (Exception e) {
            return JSON.missingNode();
        }
    }
}
