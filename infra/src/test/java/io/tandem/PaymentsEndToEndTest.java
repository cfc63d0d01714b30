package io.tandem;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import io.tandem.PaymentDesk.Payer;
import io.tandem.TandemClient.Response;
import io.tandem.TradingDesk.Market;
import io.tandem.command.payment.PaymentIds;
import io.tandem.contracts.account.DepositAcceptedEvent;
import io.tandem.contracts.account.WithdrawalReservedEvent;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.payment.PaymentId;
import io.tandem.projection.support.ReadModelCollections;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deposits and withdrawals over real HTTP through the embedded simulator, which confirms every
 * payment one second after it is initiated by POSTing a signed webhook to this application's own
 * endpoint. The test knows the simulator's webhook secret, so it can also play the provider (replays,
 * late notices) and a forger (another secret). Each test pays with a fresh user and account; the
 * daily withdrawal limit is lowered to 1,000.00 so that it can be reached. Requests name payments by
 * the client's id; lookups, GraphQL and webhooks use the platform's id that the request answered.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PaymentsEndToEndTest {

    private static final String SECRET = "e2e-simulator-webhook-secret-of-32-bytes";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void confirmingSimulator(DynamicPropertyRegistry registry) {
        registry.add("tandem.data-dir", () -> dataDir.toString());
        registry.add("tandem.payments.simulator.delay", () -> "PT1S");
        registry.add("tandem.payments.simulator.decline-rate", () -> "0");
        registry.add("tandem.payments.simulator.timeout-rate", () -> "0");
        registry.add("tandem.payments.simulator.webhook-secret", () -> SECRET);
        registry.add("tandem.payments.daily-withdrawal-limit", () -> "1000.00");
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase readModels;
    @Autowired
    EventStore eventStore;

    private TandemClient client;
    private PaymentDesk payments;

    @BeforeEach
    void desk() {
        client = new TandemClient(port);
        payments = new PaymentDesk(client);
    }

    @AfterEach
    void ledgerStillBalances() {
        LedgerInvariant.awaitBalanced(client, payments.admin);
    }

    /** Asserts the request for {@code clientPaymentId} was accepted and answers the platform's payment id. */
    private static String assertAccepted(Response response, String clientPaymentId) {
        String paymentId = PaymentDesk.accepted(response, clientPaymentId);
        assertThat(response.text("status")).isIn("REQUESTED", "PENDING", "CONFIRMED");
        return paymentId;
    }

    private static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.text("code")).as(response.raw()).isEqualTo(code);
    }

    private JsonNode json(String text) {
        return client.readJson(text);
    }

    @Test
    void depositIsCreditedOnlyOnceTheSimulatorsSignedWebhookConfirmsIt() {
        Payer payer = payments.payer();
        String clientId = PaymentDesk.clientId("dep");

        String id = assertAccepted(payments.deposit(payer, clientId, "1000.00"), clientId);

        payments.awaitCash(payer, "1000.00", "0.00");
        await().atMost(PaymentDesk.TIMEOUT).untilAsserted(() -> assertThat(payments.payments(payer)).isEqualTo(json("""
                [{"node":{"paymentId":"%s","accountId":"%s","direction":"DEPOSIT","amount":"1000.00","status":"CONFIRMED",
                          "reason":null,"provider":"simulator"}}]""".formatted(id, payer.account()))));
        Response one = client.get("/api/v1/payments/" + id, payer.token());
        assertThat(one.status()).as(one.raw()).isEqualTo(200);
        assertThat(one.text("status")).isEqualTo("CONFIRMED");
        assertProblem(client.get("/api/v1/payments/" + id, payments.payer().token()), 404, "PAYMENT_NOT_FOUND");
    }

    @Test
    void depositedCashTradesAndAWithdrawalIsReservedThenDebited() {
        TradingDesk trading = new TradingDesk(client);
        Market market = trading.market();
        Payer payer = payments.payer();
        String depositClientId = PaymentDesk.clientId("dep");
        String deposit = assertAccepted(payments.deposit(payer, depositClientId, "1000.00"), depositClientId);
        payments.awaitCash(payer, "1000.00", "0.00");
        client.place(trading.issuer, market.issuerAccount(), "ask-" + depositClientId, market.symbol(), "SELL", "10.00", "10", "GTC");

        Response buy = client.place(payer.token(), payer.account(), "buy-" + depositClientId, market.symbol(), "BUY", "10.00", "10", "GTC");

        assertThat(buy.status()).as(buy.raw()).isEqualTo(201);
        assertThat(buy.text("status")).isEqualTo("FILLED");
        // 100.00 for the shares and a 0.20 taker fee, paid with deposited cash.
        payments.awaitCash(payer, "899.80", "0.00");

        String withdrawalClientId = PaymentDesk.clientId("wd");
        String withdrawal = assertAccepted(payments.withdraw(payer, withdrawalClientId, "500.00"), withdrawalClientId);

        payments.awaitCash(payer, "399.80", "500.00");
        payments.awaitCash(payer, "399.80", "0.00");
        await().atMost(PaymentDesk.TIMEOUT).untilAsserted(() -> assertThat(payments.payments(payer)).isEqualTo(json("""
                [{"node":{"paymentId":"%s","accountId":"%s","direction":"WITHDRAWAL","amount":"500.00","status":"CONFIRMED",
                          "reason":null,"provider":"simulator"}},
                 {"node":{"paymentId":"%s","accountId":"%s","direction":"DEPOSIT","amount":"1000.00","status":"CONFIRMED",
                          "reason":null,"provider":"simulator"}}]"""
                .formatted(withdrawal, payer.account(), deposit, payer.account()))));
        assertThat(client.account(payer.token(), payer.account()).path("positions").path(0).path("quantity").asText())
                .isEqualTo("10");
        payments.awaitBalancedLedger();
    }

    @Test
    void forgedWebhookIsRefusedAndChangesNothing() {
        Payer payer = payments.payer();
        String clientId = PaymentDesk.clientId("dep");
        String id = assertAccepted(payments.deposit(payer, clientId, "100.00"), clientId);

        Response forged = payments.webhook("a-forger-does-not-know-the-real-secret!", """
                {"paymentId":"%s","status":"DECLINED","reason":"FORGED"}""".formatted(id));
        Response unsigned = client.post("/api/v1/payments/webhooks/simulator", null, Map.of("paymentId", id,
                "status", "CONFIRMED", "reference", "forged"));

        assertProblem(forged, 401, "INVALID_SIGNATURE");
        assertProblem(unsigned, 401, "INVALID_SIGNATURE");
        payments.awaitPaymentStatus(payer, id, "CONFIRMED");
        payments.awaitCash(payer, "100.00", "0.00");
    }

    @Test
    void replayedDuplicatedAndReorderedGenuineWebhooksMoveNothingAndAContradictionIsRecorded() {
        Payer payer = payments.payer();
        String clientId = PaymentDesk.clientId("dep");
        String id = assertAccepted(payments.deposit(payer, clientId, "100.00"), clientId);
        payments.awaitCash(payer, "100.00", "0.00");
        String confirmation = """
                {"paymentId":"%s","status":"CONFIRMED","reference":"sim-%s"}""".formatted(id, id);

        Response replay = payments.webhook(SECRET, confirmation);
        Response duplicate = payments.webhook(SECRET, confirmation);
        Response lateDecline = payments.webhook(SECRET, """
                {"paymentId":"%s","status":"DECLINED","reason":"LATE"}""".formatted(id));

        for (Response answer : new Response[]{replay, duplicate, lateDecline}) {
            assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
            assertThat(answer.text("status")).isEqualTo("CONFIRMED");
        }
        await().during(Duration.ofSeconds(1)).atMost(PaymentDesk.TIMEOUT).untilAsserted(() -> {
            assertThat(client.account(payer.token(), payer.account()).path("cash"))
                    .isEqualTo(json("{\"available\":\"100.00\",\"reserved\":\"0.00\"}"));
            assertThat(payments.payments(payer)).hasSize(1)
                    .allSatisfy(edge -> assertThat(edge.path("node").path("status").asText()).isEqualTo("CONFIRMED"));
        });
        await().atMost(PaymentDesk.TIMEOUT).untilAsserted(() -> assertThat(readModels.getCollection(ReadModelCollections.PAYMENTS)
                .find(new Document("_id", id)).first().get("conflict", Document.class))
                .isNotNull()
                .containsEntry("recorded", "CONFIRMED")
                .containsEntry("reported", "FAILED")
                .containsEntry("detail", "LATE"));
        assertProblem(payments.webhook(SECRET, """
                {"paymentId":"no-such-payment","status":"CONFIRMED","reference":"x"}"""), 404, "PAYMENT_NOT_FOUND");
    }

    @Test
    void sameDepositRequestedTwiceCreatesOnePaymentAndOtherDetailsConflict() {
        Payer payer = payments.payer();
        String clientId = PaymentDesk.clientId("dep");

        String id = assertAccepted(payments.deposit(payer, clientId, "100.00"), clientId);
        assertThat(assertAccepted(payments.deposit(payer, clientId, "100.00"), clientId)).isEqualTo(id);
        assertProblem(payments.deposit(payer, clientId, "250.00"), 409, "PAYMENT_CONFLICT");

        payments.awaitCash(payer, "100.00", "0.00");
        await().during(Duration.ofSeconds(1)).atMost(PaymentDesk.TIMEOUT)
                .untilAsserted(() -> assertThat(payments.payments(payer)).hasSize(1));
    }

    @Test
    void aDepositThroughAProviderThePlatformDoesNotAllowIsUnprocessableAndLeavesNoPaymentBehind() {
        Payer payer = payments.payer();
        String clientId = PaymentDesk.clientId("dep");
        PaymentId paymentId = PaymentIds.of(AccountId.of(payer.account()), clientId);

        assertProblem(client.post("/api/v1/accounts/" + payer.account() + "/deposits", payer.token(),
                Map.of("paymentId", clientId, "amount", "100000.00", "provider", "acme-pay")), 422, "PROVIDER_NOT_ALLOWED");
        assertProblem(client.post("/api/v1/accounts/" + payer.account() + "/withdrawals", payer.token(),
                Map.of("paymentId", PaymentDesk.clientId("wd"), "amount", "10.00", "provider", "acme-pay")), 422,
                "PROVIDER_NOT_ALLOWED");

        assertThat(eventStore.readEvents(payer.account()).asStream().map(EventMessage::getPayload))
                .noneMatch(event -> event instanceof DepositAcceptedEvent || event instanceof WithdrawalReservedEvent);
        assertThat(eventStore.readEvents(paymentId.value()).asStream()).isEmpty();
        assertProblem(client.get("/api/v1/payments/" + paymentId.value(), payer.token()), 404, "PAYMENT_NOT_FOUND");
        // The refused request left nothing under its id: the same id through an allowed provider is a new payment.
        assertAccepted(payments.deposit(payer, clientId, "10.00"), clientId);
        payments.awaitCash(payer, "10.00", "0.00");
    }

    @Test
    void withdrawalOverTheDailyLimitIsRejectedAndReservesNothing() {
        Payer payer = payments.payer();
        assertAccepted(payments.deposit(payer, "dep-limit", "1500.00"), "dep-limit");
        payments.awaitCash(payer, "1500.00", "0.00");
        String firstClientId = PaymentDesk.clientId("wd");
        String first = assertAccepted(payments.withdraw(payer, firstClientId, "800.00"), firstClientId);

        assertProblem(payments.withdraw(payer, PaymentDesk.clientId("wd"), "300.00"), 422, "DAILY_WITHDRAWAL_LIMIT");

        payments.awaitCash(payer, "700.00", "0.00");
        payments.awaitPaymentStatus(payer, first, "CONFIRMED");
    }

    @Test
    void amountsOutsideTheLimitsAndMissingCashAreRejected() {
        Payer payer = payments.payer();

        assertProblem(payments.deposit(payer, PaymentDesk.clientId("dep"), "0.50"), 422, "AMOUNT_BELOW_MINIMUM");
        assertProblem(payments.deposit(payer, PaymentDesk.clientId("dep"), "100000.01"), 422, "AMOUNT_ABOVE_MAXIMUM");
        assertProblem(payments.withdraw(payer, PaymentDesk.clientId("wd"), "10.00"), 422, "INSUFFICIENT_FUNDS");
        assertProblem(payments.deposit(payer, PaymentDesk.clientId("dep"), "1.005"), 400, "MALFORMED_REQUEST");
        Payer intruder = payments.payer();
        assertProblem(client.post("/api/v1/accounts/" + payer.account() + "/deposits", intruder.token(),
                Map.of("paymentId", PaymentDesk.clientId("dep"), "amount", "10.00")), 404, "ACCOUNT_NOT_FOUND");
        payments.awaitCash(payer, "0.00", "0.00");
    }

    @Test
    void twoUsersMayBothUseTheSameClientPaymentIdAndEachGetsTheirOwnPayment() {
        Payer first = payments.payer();
        Payer second = payments.payer();

        String firstId = assertAccepted(payments.deposit(first, "dep-1", "500.00"), "dep-1");
        String secondId = assertAccepted(payments.deposit(second, "dep-1", "100.00"), "dep-1");

        assertThat(firstId).isEqualTo(first.account() + ":dep-1");
        assertThat(secondId).isEqualTo(second.account() + ":dep-1");
        payments.awaitCash(first, "500.00", "0.00");
        payments.awaitCash(second, "100.00", "0.00");
        payments.awaitPaymentStatus(first, firstId, "CONFIRMED");
        payments.awaitPaymentStatus(second, secondId, "CONFIRMED");
        assertThat(payments.payments(first)).hasSize(1);
        assertThat(payments.payments(second)).hasSize(1);
        Response own = client.get("/api/v1/payments/" + secondId, second.token());
        assertThat(own.status()).as(own.raw()).isEqualTo(200);
        assertThat(own.text("amount")).isEqualTo("100.00");
        assertProblem(client.get("/api/v1/payments/" + firstId, second.token()), 404, "PAYMENT_NOT_FOUND");
    }

    @Test
    void aConflictOnOnesOwnAccountRevealsNothingAboutAnotherUsersPayment() {
        Payer other = payments.payer();
        Payer payer = payments.payer();
        assertAccepted(payments.deposit(other, "dep-1", "500.00"), "dep-1");
        assertAccepted(payments.deposit(payer, "dep-1", "100.00"), "dep-1");

        Response conflict = payments.deposit(payer, "dep-1", "250.00");

        assertProblem(conflict, 409, "PAYMENT_CONFLICT");
        assertThat(conflict.raw()).contains(payer.account() + ":dep-1").doesNotContain(other.account(), "500.00");
        payments.awaitCash(other, "500.00", "0.00");
        payments.awaitCash(payer, "100.00", "0.00");
    }
}
