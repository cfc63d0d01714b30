package io.tandem;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.TandemClient.Response;
import io.tandem.infra.payment.WebhookSignature;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Payments as a client and as a provider drive them over HTTP: deposit and withdrawal requests, the
 * payment history in GraphQL, webhooks signed with a given secret (the provider's, or a forger's), and
 * waits for an account's cash and the ledger. Every payer is a fresh user, so daily withdrawal limits
 * of one test never touch another.
 * <p>
 * Requests name the payment by the client's id; the platform answers its own payment id (scoped to
 * the account), and everything later (lookups, GraphQL, webhooks) uses that one.
 */
final class PaymentDesk {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicInteger PAYERS = new AtomicInteger();

    final TandemClient client;
    final String admin;

    PaymentDesk(TandemClient client) {
        this.client = client;
        this.admin = client.token("admin", "ADMIN");
    }

    /** A new trader and one account of theirs. */
    record Payer(String token, String account) {
    }

    Payer payer() {
        String token = client.token("payer-" + PAYERS.incrementAndGet(), "TRADER");
        return new Payer(token, client.openAccount(token));
    }

    /** A fresh client payment id. */
    static String clientId(String kind) {
        return kind + "-" + UUID.randomUUID();
    }

    Response deposit(Payer payer, String clientPaymentId, String amount) {
        return client.post("/api/v1/accounts/" + payer.account() + "/deposits", payer.token(),
                Map.of("paymentId", clientPaymentId, "amount", amount));
    }

    Response withdraw(Payer payer, String clientPaymentId, String amount) {
        return client.post("/api/v1/accounts/" + payer.account() + "/withdrawals", payer.token(),
                Map.of("paymentId", clientPaymentId, "amount", amount));
    }

    /**
     * Asserts that a request for the client's {@code clientPaymentId} was accepted and answers the
     * platform's id of the payment, by which it is looked up from then on.
     */
    static String accepted(Response response, String clientPaymentId) {
        assertThat(response.status()).as(response.raw()).isEqualTo(202);
        assertThat(response.text("clientPaymentId")).as(response.raw()).isEqualTo(clientPaymentId);
        assertThat(response.text("paymentId")).as(response.raw()).isNotBlank().isNotEqualTo(clientPaymentId);
        return response.text("paymentId");
    }

    /** The account's payment history, newest first, as GraphQL serves it. */
    JsonNode payments(Payer payer) {
        return client.graphql(payer.token(), """
                query($id: ID!) { payments(accountId: $id, first: 20) {
                    edges { node { paymentId accountId direction amount status reason provider } } } }""",
                Map.of("id", payer.account())).path("data").path("payments").path("edges");
    }

    /** A webhook to the simulator endpoint, signed now with {@code secret}. */
    Response webhook(String secret, String body) {
        WebhookSignature signature = new WebhookSignature(
                new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), Duration.ofMinutes(5),
                Clock.systemUTC());
        long now = signature.now();
        return client.send("POST", "/api/v1/payments/webhooks/simulator", null, body, Map.of(
                WebhookSignature.TIMESTAMP_HEADER, Long.toString(now),
                WebhookSignature.SIGNATURE_HEADER, signature.sign(now, body.getBytes(StandardCharsets.UTF_8))));
    }

    void awaitCash(Payer payer, String available, String reserved) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(client.account(payer.token(), payer.account()).path("cash"))
                        .isEqualTo(client.readJson("{\"available\":\"%s\",\"reserved\":\"%s\"}".formatted(available, reserved))));
    }

    void awaitPaymentStatus(Payer payer, String paymentId, String status) {
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(payments(payer))
                .anySatisfy(edge -> {
                    assertThat(edge.path("node").path("paymentId").asText()).isEqualTo(paymentId);
                    assertThat(edge.path("node").path("status").asText()).isEqualTo(status);
                }));
    }

    /** Waits until the admin ledger balances: all cash equals adjustments plus deposits minus withdrawals. */
    JsonNode awaitBalancedLedger() {
        return LedgerInvariant.awaitBalanced(client, admin);
    }
}
