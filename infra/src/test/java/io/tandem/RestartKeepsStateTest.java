package io.tandem;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.TandemClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stops the application and starts a new one on the same data directory: balances, orders and
 * trades read the same afterwards, tokens issued before the restart still work (the signing key
 * is kept), and a new order matches against an order that rested before the restart.
 */
class RestartKeepsStateTest {

    private static final Duration READ_MODEL_TIMEOUT = Duration.ofSeconds(30);
    private static final String SYMBOL = "RST";

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(TandemApplication.class)
                .run("--server.port=0", "--tandem.data-dir=" + dataDir, "--spring.main.banner-mode=off");
    }

    private static TandemClient clientFor(ConfigurableApplicationContext application) {
        return new TandemClient(((WebServerApplicationContext) application).getWebServer().getPort());
    }

    /** What a client can see of the session: three accounts, alice's orders, the book and the tape. */
    private record Snapshot(JsonNode alice, JsonNode issuer, JsonNode bob, JsonNode aliceOrders, JsonNode book,
                            JsonNode trades) {
    }

    private record Session(String admin, String issuer, String alice, String bob,
                           String issuerAccount, String aliceAccount, String bobAccount) {

        Snapshot snapshot(TandemClient client) {
            return new Snapshot(client.account(alice, aliceAccount), client.account(issuer, issuerAccount),
                    client.account(bob, bobAccount), client.orders(alice, aliceAccount),
                    client.orderBook(alice, SYMBOL), client.trades(alice, SYMBOL));
        }
    }

    @Test
    void restartOnTheSameDataDirectoryKeepsBalancesOrdersTradesAndRestingOrders() {
        Session session;
        Snapshot before;
        try (ConfigurableApplicationContext first = start()) {
            TandemClient client = clientFor(first);
            session = openSession(client);
            client.place(session.issuer(), session.issuerAccount(), "ask-1", SYMBOL, "SELL", "10.00", "100", "GTC");
            client.place(session.alice(), session.aliceAccount(), "bid-1", SYMBOL, "BUY", "10.00", "40", "GTC");
            client.place(session.bob(), session.bobAccount(), "bid-2", SYMBOL, "BUY", "9.50", "10", "GTC");
            // alice paid 400.00 + 0.80 taker fee; the issuer's ask rests with 60 left; bob's bid rests.
            await().atMost(READ_MODEL_TIMEOUT).untilAsserted(() -> {
                Snapshot now = session.snapshot(client);
                assertThat(now.alice().path("cash").path("available").asText()).isEqualTo("9599.20");
                assertThat(now.issuer().path("cash").path("available").asText()).isEqualTo("399.60");
                assertThat(now.bob().path("cash").path("reserved").asText()).isEqualTo("95.19");
                assertThat(now.book().path("asks").get(0).path("quantity").asText()).isEqualTo("60");
                assertThat(now.book().path("bids").path(0).path("price").asText()).as("bob's bid on the book").isEqualTo("9.50");
                assertThat(now.trades().path("edges")).hasSize(1);
            });
            before = session.snapshot(client);
        }

        try (ConfigurableApplicationContext second = start()) {
            TandemClient client = clientFor(second);

            assertThat(session.snapshot(client)).isEqualTo(before);

            Response taker = client.place(session.alice(), session.aliceAccount(), "bid-3", SYMBOL, "BUY", "10.00", "20", "GTC");
            assertThat(taker.status()).as(taker.raw()).isEqualTo(201);
            assertThat(taker.text("status")).isEqualTo("FILLED");
            assertThat(taker.body().path("trades").get(0).path("price").asText()).isEqualTo("10.00");
            // 9599.20 - (200.00 + 0.40); the pre-restart ask is down to 40.
            await().atMost(READ_MODEL_TIMEOUT).untilAsserted(() -> {
                Snapshot now = session.snapshot(client);
                assertThat(now.alice().path("cash").path("available").asText()).isEqualTo("9398.80");
                assertThat(now.alice().path("positions").get(0).path("quantity").asText()).isEqualTo("60");
                assertThat(now.book().path("asks").get(0).path("quantity").asText()).isEqualTo("40");
                assertThat(now.trades().path("edges")).hasSize(2);
            });
            LedgerInvariant.awaitBalanced(client, session.admin());
        }
    }

    private static Session openSession(TandemClient client) {
        String admin = client.token("admin", "ADMIN");
        String issuer = client.token("rst-issuer", "TRADER");
        String alice = client.token("alice", "TRADER");
        String bob = client.token("bob", "TRADER");
        String issuerAccount = client.openAccount(issuer);
        String aliceAccount = client.openAccount(alice);
        String bobAccount = client.openAccount(bob);
        client.list(admin, SYMBOL, issuerAccount, "1000000");
        for (List<String> funding : List.of(List.of(aliceAccount, "10000.00"), List.of(bobAccount, "5000.00"))) {
            assertThat(client.adjust(admin, funding.get(0), "fund-" + funding.get(0), funding.get(1)).status()).isEqualTo(200);
        }
        return new Session(admin, issuer, alice, bob, issuerAccount, aliceAccount, bobAccount);
    }
}
