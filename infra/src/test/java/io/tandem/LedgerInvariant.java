package io.tandem;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.TandemClient.Response;

import java.math.BigDecimal;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ledger invariant every end-to-end test must leave behind: once settlement and payments have
 * caught up, all cash (available + reserved, fee account included) equals adjustments plus
 * confirmed deposits minus confirmed withdrawals, and every instrument's positions equal its supply.
 */
final class LedgerInvariant {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private LedgerInvariant() {
    }

    /** Waits until the admin ledger report balances, and answers it. */
    static JsonNode awaitBalanced(TandemClient client, String adminToken) {
        JsonNode[] ledger = new JsonNode[1];
        await().atMost(TIMEOUT).untilAsserted(() -> {
            Response response = client.get("/api/v1/admin/ledger", adminToken);
            assertThat(response.status()).as(response.raw()).isEqualTo(200);
            assertThat(response.body().path("balanced").asBoolean()).as(response.raw()).isTrue();
            assertThat(cents(response, "cashTotal")).as(response.raw()).isEqualTo(cents(response, "adjustmentsTotal")
                    + cents(response, "depositsTotal") - cents(response, "withdrawalsTotal"));
            for (JsonNode instrument : response.body().path("instruments")) {
                assertThat(new BigDecimal(instrument.path("positionsTotal").asText()))
                        .as(response.raw()).isEqualByComparingTo(instrument.path("supply").asText());
            }
            ledger[0] = response.body();
        });
        return ledger[0];
    }

    private static long cents(Response response, String field) {
        return new BigDecimal(response.text(field)).movePointRight(2).longValueExact();
    }
}
