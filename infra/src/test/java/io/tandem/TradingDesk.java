package io.tandem;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cast of an end-to-end session: dev tokens for an admin, an issuer and two traders, fresh
 * markets on demand, and waits for read models to show an expected balance.
 */
final class TradingDesk {

    static final Duration READ_MODEL_TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicInteger SYMBOLS = new AtomicInteger();

    final TandemClient client;
    final String admin;
    final String issuer;
    final String alice;
    final String bob;

    /** One instrument with 1,000,000 supply on the issuer's account; alice funded with 10,000.00, bob with 5,000.00. */
    record Market(String symbol, String issuerAccount, String aliceAccount, String bobAccount) {
    }

    TradingDesk(TandemClient client) {
        this.client = client;
        this.admin = client.token("admin", "ADMIN");
        this.issuer = client.token("acme-issuer", "TRADER");
        this.alice = client.token("alice", "TRADER");
        this.bob = client.token("bob", "TRADER");
    }

    Market market() {
        String symbol = "E" + SYMBOLS.incrementAndGet();
        Market market = new Market(symbol, client.openAccount(issuer), client.openAccount(alice), client.openAccount(bob));
        client.list(admin, symbol, market.issuerAccount(), "1000000");
        assertThat(client.adjust(admin, market.aliceAccount(), "fund-" + symbol, "10000.00").status()).isEqualTo(200);
        assertThat(client.adjust(admin, market.bobAccount(), "fund-" + symbol, "5000.00").status()).isEqualTo(200);
        return market;
    }

    JsonNode json(String text) {
        return client.readJson(text);
    }

    /** Waits until GraphQL shows exactly this cash and these positions (JSON) for the account. */
    void awaitAccount(String token, String accountId, String cash, String positions) {
        await().atMost(READ_MODEL_TIMEOUT).untilAsserted(() -> {
            JsonNode account = client.account(token, accountId);
            assertThat(account.path("cash")).isEqualTo(json(cash));
            assertThat(account.path("positions")).isEqualTo(json(positions));
        });
    }
}
