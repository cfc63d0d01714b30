package io.tandem;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.PaymentDesk.Payer;
import io.tandem.TandemClient.Response;
import io.tandem.TradingDesk.Market;
import io.tandem.infra.payment.WebhookSignature;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What one request may cost, against the running application over real HTTP: bodies above their
 * endpoint's limit (64 KiB by default) are refused with 413 PAYLOAD_TOO_LARGE whether they declare
 * their length or come in chunks, ahead of authentication; GraphQL operations are priced by the
 * pages they ask for; and someone else's account, orders and payments answer exactly like unknown
 * ones. The simulator never confirms on its own here (its delay is an hour), so the test plays the
 * provider with the simulator's secret.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RequestCostLimitsEndToEndTest {

    private static final String SECRET = "e2e-limits-simulator-webhook-secret-32b";
    private static final int LIMIT = 64 * 1024;
    private static final String WEBHOOK = "/api/v1/payments/webhooks/simulator";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void silentSimulator(DynamicPropertyRegistry registry) {
        registry.add("tandem.data-dir", () -> dataDir.toString());
        registry.add("tandem.payments.simulator.delay", () -> "PT1H");
        registry.add("tandem.payments.simulator.decline-rate", () -> "0");
        registry.add("tandem.payments.simulator.timeout-rate", () -> "0");
        registry.add("tandem.payments.simulator.webhook-secret", () -> SECRET);
    }

    @LocalServerPort
    int port;

    private TandemClient client;
    private PaymentDesk payments;

    @BeforeEach
    void desk() {
        client = new TandemClient(port);
        payments = new PaymentDesk(client);
    }

    /** A JSON object of exactly {@code size} bytes. */
    private static byte[] jsonOf(int size) {
        String prefix = "{\"pad\":\"";
        String suffix = "\"}";
        char[] pad = new char[size - prefix.length() - suffix.length()];
        Arrays.fill(pad, 'x');
        return (prefix + new String(pad) + suffix).getBytes(StandardCharsets.US_ASCII);
    }

    private static void assertTooLarge(Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(413);
        assertThat(response.text("code")).as(response.raw()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(response.text("status")).isEqualTo("413");
        assertThat(response.text("detail")).contains("65536 bytes");
    }

    private static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.text("code")).as(response.raw()).isEqualTo(code);
    }

    private static Map<String, String> signed(byte[] body) {
        WebhookSignature signature = new WebhookSignature(
                new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), Duration.ofMinutes(5),
                Clock.systemUTC());
        long now = signature.now();
        return Map.of(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now),
                WebhookSignature.SIGNATURE_HEADER, signature.sign(now, body));
    }

    @ParameterizedTest(name = "chunked: {0}")
    @ValueSource(booleans = {false, true})
    void aWebhookBodyAboveSixtyFourKibibytesIsRefusedBeforeItsSignatureIsChecked(boolean chunked) {
        byte[] body = jsonOf(LIMIT + 1);

        assertTooLarge(client.sendBytes(WEBHOOK, null, body, chunked, Map.of()));
        assertTooLarge(client.sendBytes(WEBHOOK, null, body, chunked, signed(body)));
        assertTooLarge(client.sendBytes(WEBHOOK, null, jsonOf(100 * 1024), chunked, Map.of()));
    }

    @ParameterizedTest(name = "chunked: {0}")
    @ValueSource(booleans = {false, true})
    void aWebhookBodyOfExactlyTheLimitIsReadAndItsSignatureChecked(boolean chunked) {
        byte[] body = jsonOf(LIMIT);

        assertProblem(client.sendBytes(WEBHOOK, null, body, chunked, Map.of()), 401, "INVALID_SIGNATURE");
        assertProblem(client.sendBytes(WEBHOOK, null, body, chunked, signed(body)), 400, "MALFORMED_REQUEST");
    }

    @Test
    void aChunkedSignedWebhookWithinTheLimitConfirmsThePayment() {
        Payer payer = payments.payer();
        String clientId = PaymentDesk.clientId("dep");
        String paymentId = PaymentDesk.accepted(payments.deposit(payer, clientId, "25.00"), clientId);
        await().atMost(PaymentDesk.TIMEOUT).until(() -> client.get("/api/v1/payments/" + paymentId, payer.token()).status() == 200);
        byte[] body = """
                {"paymentId":"%s","status":"CONFIRMED","reference":"sim-ref-1"}""".formatted(paymentId)
                .getBytes(StandardCharsets.UTF_8);

        Response confirmed = client.sendBytes(WEBHOOK, null, body, true, signed(body));

        assertThat(confirmed.status()).as(confirmed.raw()).isEqualTo(200);
        assertThat(confirmed.text("status")).isEqualTo("CONFIRMED");
        payments.awaitCash(payer, "25.00", "0.00");
    }

    @ParameterizedTest(name = "chunked: {0}")
    @ValueSource(booleans = {false, true})
    void anOversizedRestCommandIsRefusedWithOrWithoutAToken(boolean chunked) {
        Payer payer = payments.payer();
        byte[] body = jsonOf(LIMIT + 1);

        assertTooLarge(client.sendBytes("/api/v1/orders", payer.token(), body, chunked, Map.of()));
        assertTooLarge(client.sendBytes("/api/v1/accounts/" + payer.account() + "/deposits", payer.token(), body, chunked, Map.of()));
        assertTooLarge(client.sendBytes("/api/v1/orders", null, body, chunked, Map.of()));
        assertProblem(client.sendBytes("/api/v1/orders", null, jsonOf(LIMIT), chunked, Map.of()), 401, "UNAUTHENTICATED");
    }

    @ParameterizedTest(name = "chunked: {0}")
    @ValueSource(booleans = {false, true})
    void anOversizedGraphQlOperationIsRefusedWithOrWithoutAToken(boolean chunked) {
        Payer payer = payments.payer();
        String padding = " ".repeat(LIMIT);
        byte[] body = ("{\"query\":\"{ trades(symbol: \\\"ACME\\\") { edges { cursor } } }" + padding + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        assertTooLarge(client.sendBytes("/graphql", payer.token(), body, chunked, Map.of()));
        assertTooLarge(client.sendBytes("/graphql", null, body, chunked, Map.of()));
        Response small = client.sendBytes("/graphql", payer.token(),
                "{\"query\":\"{ trades(symbol: \\\"ACME\\\") { edges { cursor } } }\"}".getBytes(StandardCharsets.UTF_8),
                chunked, Map.of());
        assertThat(small.status()).as(small.raw()).isEqualTo(200);
        assertThat(small.body().path("data").path("trades").path("edges").isArray()).as(small.raw()).isTrue();
    }

    @Test
    void thirtyNineFullPagesOfTradesAreRefusedWhileOneFullPageIsServed() {
        Payer payer = payments.payer();
        String aliases = IntStream.range(0, 39)
                .mapToObj(i -> "t" + i + ": trades(symbol: \"ACME\", first: 100) { edges { node { tradeId price } } }")
                .collect(Collectors.joining(" "));

        JsonNode refused = client.graphql(payer.token(), "{ " + aliases + " }", Map.of());

        assertThat(refused.path("data").path("t0").isMissingNode() || refused.path("data").isNull()).as(refused.toString()).isTrue();
        assertThat(refused.path("errors")).singleElement().satisfies(error -> {
            assertThat(error.path("extensions").path("code").asText()).isEqualTo("QUERY_TOO_COMPLEX");
            assertThat(error.path("message").asText()).contains("page sizes");
        });
        assertThat(client.allTrades(payer.token(), "ACME")).isEmpty();
        assertThat(client.allOrders(payer.token(), payer.account())).isEmpty();
    }

    @Test
    void someoneElsesAccountOrdersAndPaymentsAnswerExactlyAsUnknownOnes() {
        TradingDesk trading = new TradingDesk(client);
        Market market = trading.market();
        Payer alice = new Payer(trading.alice, market.aliceAccount());
        Payer mallory = payments.payer();
        Response placed = client.place(alice.token(), alice.account(), "limits-" + UUID.randomUUID(), market.symbol(),
                "BUY", "10.00", "1", "GTC");
        assertThat(placed.status()).as(placed.raw()).isBetween(200, 201);
        String clientId = PaymentDesk.clientId("dep");
        String paymentId = PaymentDesk.accepted(payments.deposit(alice, clientId, "10.00"), clientId);
        await().atMost(PaymentDesk.TIMEOUT).until(() -> client.get("/api/v1/payments/" + paymentId, alice.token()).status() == 200
                && !client.orders(alice.token(), alice.account()).path("edges").isEmpty());
        String unknownAccount = UUID.randomUUID().toString();
        String unknownPayment = "pay-" + UUID.randomUUID();
        Map<String, String> perAccount = Map.of(
                "account", "query($id: ID!) { account(id: $id) { id owner cash { available reserved } } }",
                "orders", "query($id: ID!) { orders(accountId: $id, first: 5) { edges { node { orderId } } pageInfo { hasNextPage endCursor } } }",
                "payments", "query($id: ID!) { payments(accountId: $id, first: 5) { edges { node { paymentId } } pageInfo { hasNextPage endCursor } } }");

        perAccount.forEach((field, query) -> {
            JsonNode foreign = client.graphql(mallory.token(), query, Map.of("id", alice.account()));
            JsonNode unknown = client.graphql(mallory.token(), query, Map.of("id", unknownAccount));
            assertThat(foreign).as(field).isEqualTo(unknown);
            assertThat(foreign.path("errors").isMissingNode()).as(foreign.toString()).isTrue();
            JsonNode asAdmin = client.graphql(payments.admin, query, Map.of("id", alice.account()));
            assertThat(asAdmin).as(field).isNotEqualTo(foreign);
        });
        assertThat(client.account(mallory.token(), alice.account()).isNull()).isTrue();
        assertThat(client.orders(mallory.token(), alice.account()).path("edges")).isEmpty();
        assertThat(client.account(payments.admin, alice.account()).path("owner").asText()).isNotBlank();

        String payment = "query($id: ID!) { payment(id: $id) { paymentId amount status } }";
        JsonNode foreignPayment = client.graphql(mallory.token(), payment, Map.of("id", paymentId));
        assertThat(foreignPayment).isEqualTo(client.graphql(mallory.token(), payment, Map.of("id", unknownPayment)));
        assertThat(foreignPayment.path("data").path("payment").isNull()).as(foreignPayment.toString()).isTrue();
        assertThat(client.graphql(payments.admin, payment, Map.of("id", paymentId)).path("data").path("payment")
                .path("paymentId").asText()).isEqualTo(paymentId);

        Response foreignRest = client.get("/api/v1/payments/" + paymentId, mallory.token());
        Response unknownRest = client.get("/api/v1/payments/" + unknownPayment, mallory.token());
        assertProblem(foreignRest, 404, "PAYMENT_NOT_FOUND");
        assertProblem(unknownRest, 404, "PAYMENT_NOT_FOUND");
        assertThat((Object) foreignRest.body()).isEqualTo(client.readJson(unknownRest.raw().replace(unknownPayment, paymentId)));
        assertThat(client.get("/api/v1/payments/" + paymentId, payments.admin).status()).isEqualTo(200);

        for (String kind : new String[]{"deposits", "withdrawals"}) {
            Map<String, String> request = Map.of("paymentId", "probe-1", "amount", "10.00");
            Response intrusion = client.post("/api/v1/accounts/" + alice.account() + "/" + kind, mallory.token(), request);
            Response unknown = client.post("/api/v1/accounts/" + unknownAccount + "/" + kind, mallory.token(), request);
            assertProblem(intrusion, 404, "ACCOUNT_NOT_FOUND");
            assertThat(intrusion.raw()).isEqualTo(unknown.raw().replace(unknownAccount, alice.account()));
        }
    }
}
