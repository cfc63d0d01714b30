package io.tandem;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.PaymentDesk.Payer;
import io.tandem.TandemClient.Response;
import io.tandem.TradingDesk.Market;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A history for the audit tests, made through a running application over HTTP: trades with fees
 * between an issuer and two traders (a partial fill, a cancelled remainder), deposits of which a
 * simulator declining half of them confirms some and declines others, a withdrawal, and a copy started
 * and stopped (transfers to and from its copy account). It returns
 * once settlement and payments have caught up and the read-model ledger balances.
 */
public final class LedgerHistory {

    /** What was generated: a buyer and a seller account, and the read-model ledger report at the end. */
    public record Generated(String buyerAccount, String sellerAccount, JsonNode ledger) {
    }

    private LedgerHistory() {
    }

    public static Generated generate(int port) {
        TandemClient client = new TandemClient(port);
        TradingDesk desk = new TradingDesk(client);
        Market market = desk.market();
        String symbol = market.symbol();
        placed(client.place(desk.issuer, market.issuerAccount(), "ask-1", symbol, "SELL", "10.00", "100", "GTC"), "NEW");
        placed(client.place(desk.alice, market.aliceAccount(), "bid-1", symbol, "BUY", "10.00", "30", "GTC"), "FILLED");
        placed(client.place(desk.bob, market.bobAccount(), "bid-2", symbol, "BUY", "10.00", "20", "GTC"), "FILLED");
        // Settlement is asynchronous: alice sells once her bought position has settled.
        await().atMost(TradingDesk.READ_MODEL_TIMEOUT).untilAsserted(() -> assertThat(
                client.account(desk.alice, market.aliceAccount()).path("positions").path(0).path("quantity").asText()).isEqualTo("30"));
        Response ask = client.place(desk.alice, market.aliceAccount(), "ask-2", symbol, "SELL", "11.00", "10", "GTC");
        placed(ask, "NEW");
        placed(client.place(desk.bob, market.bobAccount(), "bid-3", symbol, "BUY", "11.00", "4", "IOC"), "FILLED");
        assertThat(client.cancel(desk.alice, ask.text("orderId")).status()).isEqualTo(200);

        // Bob copies alice for a while: the copy's funding and its return are transfers between accounts.
        String handle = SocialDesk.uniqueHandle("ledger");
        Response profile = client.send("PUT", "/api/v1/traders/me", desk.alice, """
                {"handle":"%s","displayName":"Ledger leader","shareTrades":true,"publicAccountId":"%s",
                 "acceptsCopiers":true,"maxCopiers":10}""".formatted(handle, market.aliceAccount()));
        assertThat(profile.status()).as(profile.raw()).isEqualTo(200);
        Response copy = client.post("/api/v1/copies", desk.bob, Map.of("clientCopyId", "ledger-copy",
                "fromAccountId", market.bobAccount(), "leader", handle, "amount", "500.00", "stopLossPercent", "10",
                "sizing", "PROPORTIONAL", "copyOpenPositions", false));
        assertThat(copy.status()).as(copy.raw()).isEqualTo(201);
        Response stop = client.send("DELETE", "/api/v1/copies/" + copy.text("copyId"), desk.bob, null);
        assertThat(stop.status()).as(stop.raw()).isEqualTo(202);

        PaymentDesk payments = new PaymentDesk(client);
        Payer payer = payments.payer();
        List<String> deposits = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String clientId = PaymentDesk.clientId("dep");
            deposits.add(PaymentDesk.accepted(payments.deposit(payer, clientId, "100.00"), clientId));
        }
        List<String> statuses = awaitFinal(payments, payer, deposits.size());
        assertThat(statuses).as("the simulator confirms some deposits and declines others").contains("CONFIRMED", "FAILED");
        String withdrawalId = PaymentDesk.clientId("wd");
        PaymentDesk.accepted(payments.withdraw(payer, withdrawalId, "50.00"), withdrawalId);
        awaitFinal(payments, payer, deposits.size() + 1);

        return new Generated(market.aliceAccount(), market.issuerAccount(), LedgerInvariant.awaitBalanced(client, desk.admin));
    }

    private static void placed(Response response, String status) {
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        assertThat(response.text("status")).as(response.raw()).isEqualTo(status);
    }

    /** Waits until the payer has {@code count} payments, all final, and answers their statuses. */
    private static List<String> awaitFinal(PaymentDesk payments, Payer payer, int count) {
        List<String> statuses = new ArrayList<>();
        await().atMost(PaymentDesk.TIMEOUT).untilAsserted(() -> {
            statuses.clear();
            payments.payments(payer).forEach(edge -> statuses.add(edge.path("node").path("status").asText()));
            assertThat(statuses).hasSize(count).allMatch(status -> status.equals("CONFIRMED") || status.equals("FAILED"));
        });
        return statuses;
    }
}
