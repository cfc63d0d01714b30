package io.tandem;

import com.mongodb.client.MongoDatabase;
import io.tandem.PaymentDesk.Payer;
import io.tandem.TandemClient.Response;
import io.tandem.projection.support.ReadModelCollections;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The failure paths over real HTTP, with a simulator that never confirms: each payment is either
 * declined (webhook with a reason) or times out (no webhook, PENDING until the saga gives up). The
 * draws are made reproducible by the seed: {@code new java.util.Random(1)} draws 0.73 then 0.41, so
 * with a timeout rate of 0.5 and a decline rate of 0.5 the first payment is declined and the second
 * times out (and so does the third, 0.21). The saga checks the status after 1 s, then 2 s, then cancels at the provider; its
 * deadlines run through the database-backed deadline manager. The test knows the simulator's webhook
 * secret, so it can play the provider confirming a timed-out payment after all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PaymentFailuresEndToEndTest {

    private static final String SECRET = "e2e-failing-simulator-secret-of-32-bytes";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void decliningAndTimingOutSimulator(DynamicPropertyRegistry registry) {
        registry.add("tandem.data-dir", () -> dataDir.toString());
        registry.add("tandem.payments.simulator.delay", () -> "PT0.2S");
        registry.add("tandem.payments.simulator.decline-rate", () -> "0.5");
        registry.add("tandem.payments.simulator.timeout-rate", () -> "0.5");
        registry.add("tandem.payments.simulator.seed", () -> "1");
        registry.add("tandem.payments.status-check-delay", () -> "PT1S");
        registry.add("tandem.payments.max-status-check-delay", () -> "PT2S");
        registry.add("tandem.payments.max-attempts", () -> "2");
        registry.add("tandem.payments.daily-withdrawal-limit", () -> "300.00");
        registry.add("tandem.payments.simulator.webhook-secret", () -> SECRET);
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase readModels;

    private Document paymentDocument(String paymentId) {
        return readModels.getCollection(ReadModelCollections.PAYMENTS).find(new Document("_id", paymentId)).first();
    }

    @Test
    void declinedDepositCreditsNothingAndATimedOutWithdrawalIsReleasedEvenIfConfirmedLate() {
        TandemClient client = new TandemClient(port);
        PaymentDesk payments = new PaymentDesk(client);
        Payer payer = payments.payer();

        String depositClientId = PaymentDesk.clientId("dep");
        String deposit = PaymentDesk.accepted(payments.deposit(payer, depositClientId, "100.00"), depositClientId);
        payments.awaitPaymentStatus(payer, deposit, "FAILED");
        assertThat(payments.payments(payer).path(0).path("node").path("reason").asText()).isEqualTo("CARD_DECLINED");
        payments.awaitCash(payer, "0.00", "0.00");

        assertThat(client.adjust(payments.admin, payer.account(), "fund-" + payer.account(), "500.00").status()).isEqualTo(200);
        payments.awaitCash(payer, "500.00", "0.00");
        String withdrawalClientId = PaymentDesk.clientId("wd");
        String withdrawal = PaymentDesk.accepted(payments.withdraw(payer, withdrawalClientId, "200.00"), withdrawalClientId);

        payments.awaitCash(payer, "300.00", "200.00");
        payments.awaitPaymentStatus(payer, withdrawal, "FAILED");
        payments.awaitCash(payer, "500.00", "0.00");
        await().atMost(PaymentDesk.TIMEOUT).untilAsserted(() -> assertThat(payments.payments(payer).path(0).path("node")
                .path("reason").asText()).isEqualTo("TIMEOUT"));

        // The provider confirms the timed-out payout after all: the failure stands and nothing moves,
        // but the contradiction is recorded on the payment for an operator to reconcile.
        Response late = payments.webhook(SECRET, """
                {"paymentId":"%s","status":"CONFIRMED","reference":"sim-late-payout"}""".formatted(withdrawal));
        assertThat(late.status()).as(late.raw()).isEqualTo(200);
        assertThat(late.text("status")).isEqualTo("FAILED");
        await().atMost(PaymentDesk.TIMEOUT).untilAsserted(() -> assertThat(paymentDocument(withdrawal).get("conflict", Document.class))
                .isNotNull()
                .containsEntry("recorded", "FAILED")
                .containsEntry("reported", "CONFIRMED")
                .containsEntry("detail", "sim-late-payout"));
        await().during(Duration.ofSeconds(1)).atMost(PaymentDesk.TIMEOUT).untilAsserted(() -> {
            assertThat(client.account(payer.token(), payer.account()).path("cash"))
                    .isEqualTo(client.readJson("{\"available\":\"500.00\",\"reserved\":\"0.00\"}"));
            assertThat(payments.payments(payer).path(0).path("node").path("status").asText()).isEqualTo("FAILED");
        });
        payments.awaitBalancedLedger();
        // The failed withdrawal gave its 200.00 back to the day's limit of 300.00, so 200.00 fits again
        // (the third draw, 0.21, times out as well and is released the same way).
        String againClientId = PaymentDesk.clientId("wd");
        PaymentDesk.accepted(payments.withdraw(payer, againClientId, "200.00"), againClientId);
        payments.awaitCash(payer, "300.00", "200.00");
        payments.awaitCash(payer, "500.00", "0.00");
        payments.awaitBalancedLedger();
    }
}
