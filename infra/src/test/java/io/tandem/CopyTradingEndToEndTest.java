package io.tandem;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.TandemClient.Response;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Copy trading over real HTTP and GraphQL (issue 9): a market maker lists ACME (lot 0.0001, tick
 * 0.01, maker fee 0.1%, taker fee 0.2%) and quotes it; a leader with a public account that accepts
 * copiers is copied by two copiers, one PROPORTIONAL and one FIXED_AMOUNT. The leader's one market
 * buy is mirrored into both copies with the quantities the sizing formulas give (worked out below
 * from the equities), and GraphQL {@code copy} explains them and shows the positions. The market
 * maker then trades lower, the PROPORTIONAL copy's equity falls to its stop-loss and it closes by
 * itself (STOP_LOSS), its position sold and its cash back in the copier's account; the other copy,
 * after a round of pause, resume, funds in and out and a close of its position that finds no buyer, is
 * stopped by hand and closes too. Along the way the API refuses what it must: copying oneself, an
 * unknown leader, too small an amount, a stop-loss out of range, funding from a COPY account or from
 * an id that is no account, someone else's copy and orders sent straight into a COPY account. At the end the ledger balances and every cent of each copy is accounted for.
 * <p>
 * The numbers (fees round up to the cent; the mirrors trade at the market maker's ask of 10.00):
 * <ul>
 *   <li>The leader has 8,000.00 and no position, so its equity just before its buy of 640.0001 ACME is 8,000.00.</li>
 *   <li>PROPORTIONAL copy of 1,000.00 (stop-loss 10%: 900.00): ratio = 1,000.00 / 8,000.00 = 0.125; raw =
 *       640.0001 x 0.125 = 80.0000125, floored to the lot: 80.0000 (cut LOT_SIZE). Its reservation at the
 *       protection price 11.00 (last 10.00 + 10% collar), 880.00 + 1.76 fee, fits its cash. Bought at 10.00:
 *       800.00 + 1.60 fee, cash 198.40, equity 998.40.</li>
 *   <li>FIXED_AMOUNT copy of 500.00 with 50.00 per trade (stop-loss 40%: 300.00): raw = 50.00 / (0.0001 x
 *       10.00) lots = 5.0000 (cut NONE); ratio = 50.00 / (640.0001 x 10.00) at 10 decimals rounded down. Bought
 *       at 10.00: 50.00 + 0.10 fee, cash 449.90.</li>
 *   <li>The market maker sells 1 into a bid at 8.00: the PROPORTIONAL copy is worth 198.40 + 80 x 8.00 =
 *       838.40 &lt;= 900.00 and stops; its 80 are sold at 8.00 into that bid, 640.00 - 1.28 fee, so it returns
 *       837.12 (copier: 10,000.00 - 1,000.00 + 837.12 = 9,837.12). The FIXED_AMOUNT copy is worth 449.90 + 5 x
 *       8.00 = 489.90 &gt; 300.00 and stays ACTIVE; stopped by hand it sells its 5 at 8.00, 40.00 - 0.08 fee, and
 *       returns 489.82 (copier: 10,000.00 - 500.00 + 489.82 = 9,989.82).</li>
 * </ul>
 */
class CopyTradingEndToEndTest extends RunningApplication {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String SYMBOL = "ACME";
    private static final String COPY = """
            query($id: ID!) { copy(id: $id) {
                id status stopReason sizing amountPerTrade stopLossPercent stopLossEquity invested equity pnl
                copyAccountId fromAccountId leader { handle }
                positions { symbol quantity averagePrice lastPrice marketValue }
                orders(first: 20) { edges { node { orderId kind leaderTradeId symbol side quantity status filledQuantity
                                                   skipped skipReason
                                                   explanation { leaderEquity copyEquity ratio rawQuantity finalQuantity cutBy } } } } } }""";

    private TandemClient client;

    /** A user with a token and a funded trading account. */
    private record Trader(String token, String accountId) {
    }

    @Test
    void leaderTradesAreMirroredAsTheFormulasSayThenStopLossAndAStopByHandCloseTheCopiesAndTheLedgerBalances() {
        client = new TandemClient(port);
        String admin = client.token("copy-admin", "ADMIN");
        Trader maker = trader("copy-maker", null);
        Trader bidder = trader("copy-bidder", "5000.00");
        client.list(admin, SYMBOL, maker.accountId(), "1000000");
        assertThat(place(maker, SYMBOL, "SELL", "10.00", "2000", "GTC").status()).isEqualTo(201);
        // A first trade gives ACME its last price, which market orders (and so every mirror) need.
        assertThat(place(bidder, SYMBOL, "BUY", "10.00", "1", "IOC").text("status")).isEqualTo("FILLED");

        Trader leader = trader("copy-leader", "8000.00");
        String leaderHandle = SocialDesk.uniqueHandle("leader");
        Response profile = client.send("PUT", "/api/v1/traders/me", leader.token(), """
                {"handle":"%s","displayName":"Copy leader","shareTrades":true,"publicAccountId":"%s",
                 "acceptsCopiers":true,"maxCopiers":10}""".formatted(leaderHandle, leader.accountId()));
        assertThat(profile.status()).as(profile.raw()).isEqualTo(200);

        Trader proportionalCopier = trader("copier-p", "10000.00");
        Trader fixedCopier = trader("copier-f", "10000.00");
        Map<String, Object> proportionalStart = start("p-1", proportionalCopier, leaderHandle, "1000.00", "10",
                "PROPORTIONAL", null);
        Response proportional = client.post("/api/v1/copies", proportionalCopier.token(), proportionalStart);
        assertThat(proportional.status()).as(proportional.raw()).isEqualTo(201);
        assertThat(proportional.text("status")).isEqualTo("ACTIVE");
        Response fixed = client.post("/api/v1/copies", fixedCopier.token(),
                start("f-1", fixedCopier, leaderHandle, "500.00", "40", "FIXED_AMOUNT", "50.00"));
        assertThat(fixed.status()).as(fixed.raw()).isEqualTo(201);
        String proportionalCopy = proportional.text("copyId");
        String proportionalAccount = proportional.text("copyAccountId");
        String fixedCopy = fixed.text("copyId");
        String fixedAccount = fixed.text("copyAccountId");

        // A retried start answers the same copy and moves no cash twice.
        Response retried = client.post("/api/v1/copies", proportionalCopier.token(), proportionalStart);
        assertThat(retried.status()).as(retried.raw()).isEqualTo(201);
        assertThat(retried.text("copyId")).isEqualTo(proportionalCopy);
        assertThat(retried.text("copyAccountId")).isEqualTo(proportionalAccount);
        awaitCash(proportionalCopier, proportionalCopier.accountId(), "9000.00");
        awaitCash(fixedCopier, fixedCopier.accountId(), "9500.00");

        awaitCopiers(leader, leaderHandle, 2);

        refusals(leader, leaderHandle, fixedCopier, proportionalCopier, proportionalCopy, proportionalAccount);

        Response leaderBuy = place(leader, SYMBOL, "BUY", null, "640.0001", "IOC");
        assertThat(leaderBuy.status()).as(leaderBuy.raw()).isEqualTo(201);
        assertThat(leaderBuy.text("status")).isEqualTo("FILLED");
        assertThat(leaderBuy.body().path("trades")).hasSize(1);
        String leaderTrade = leaderBuy.body().path("trades").path(0).path("tradeId").asText();
        awaitAccount(proportionalCopier, proportionalAccount, "198.40", "80");
        awaitAccount(fixedCopier, fixedAccount, "449.90", "5");

        JsonNode proportionalMirrored = awaitCopy(proportionalCopier, proportionalCopy, copy ->
                assertThat(filledMirrors(copy)).hasSize(1));
        JsonNode order = onlyOrder(proportionalMirrored);
        assertThat(order.path("kind").asText()).isEqualTo("MIRROR");
        assertThat(order.path("leaderTradeId").asText()).isEqualTo(leaderTrade);
        assertThat(order.path("side").asText()).isEqualTo("BUY");
        assertThat(order.path("skipped").asBoolean()).isFalse();
        assertDecimal(order, "quantity", "80");
        assertDecimal(order, "filledQuantity", "80");
        JsonNode explanation = order.path("explanation");
        assertDecimal(explanation, "leaderEquity", "8000.00");
        assertDecimal(explanation, "copyEquity", "1000.00");
        assertDecimal(explanation, "ratio", "0.125");
        assertDecimal(explanation, "rawQuantity", "80.0000125");
        assertDecimal(explanation, "finalQuantity", "80");
        assertThat(explanation.path("cutBy").asText()).isEqualTo("LOT_SIZE");

        JsonNode fixedMirrored = awaitCopy(fixedCopier, fixedCopy, copy -> assertThat(filledMirrors(copy)).hasSize(1));
        JsonNode fixedOrder = onlyOrder(fixedMirrored);
        assertThat(fixedOrder.path("leaderTradeId").asText()).isEqualTo(leaderTrade);
        assertDecimal(fixedOrder, "quantity", "5");
        JsonNode fixedExplanation = fixedOrder.path("explanation");
        assertDecimal(fixedExplanation, "leaderEquity", "8000.00");
        assertDecimal(fixedExplanation, "copyEquity", "500.00");
        assertDecimal(fixedExplanation, "ratio",
                new BigDecimal("50.00").divide(new BigDecimal("640.0001").multiply(new BigDecimal("10.00")), 10,
                        RoundingMode.DOWN).toPlainString());
        assertDecimal(fixedExplanation, "rawQuantity", "5");
        assertDecimal(fixedExplanation, "finalQuantity", "5");
        assertThat(fixedExplanation.path("cutBy").asText()).isEqualTo("NONE");

        JsonNode held = awaitCopy(proportionalCopier, proportionalCopy, copy -> {
            assertThat(copy.path("positions")).hasSize(1);
            assertDecimal(copy, "equity", "998.40");
        });
        assertThat(held.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(held.path("sizing").asText()).isEqualTo("PROPORTIONAL");
        assertThat(held.path("leader").path("handle").asText()).isEqualTo(leaderHandle);
        assertThat(held.path("copyAccountId").asText()).isEqualTo(proportionalAccount);
        assertThat(held.path("fromAccountId").asText()).isEqualTo(proportionalCopier.accountId());
        assertDecimal(held, "invested", "1000.00");
        assertDecimal(held, "stopLossEquity", "900.00");
        JsonNode position = held.path("positions").path(0);
        assertThat(position.path("symbol").asText()).isEqualTo(SYMBOL);
        assertDecimal(position, "quantity", "80");
        assertDecimal(position, "averagePrice", "10.00");
        assertDecimal(position, "marketValue", "800.00");

        // Pause, resume and a funds round trip leave the fixed copy as it was (invested 500.00, stop-loss at 300.00).
        assertThat(manage(fixedCopier, fixedCopy, "pause", null).text("status")).isEqualTo("PAUSED");
        assertThat(manage(fixedCopier, fixedCopy, "resume", null).text("status")).isEqualTo("ACTIVE");
        assertDecimal(manage(fixedCopier, fixedCopy, "add-funds", "100.00").body(), "invested", "600.00");
        assertDecimal(manage(fixedCopier, fixedCopy, "remove-funds", "100.00").body(), "invested", "500.00");
        awaitCash(fixedCopier, fixedCopier.accountId(), "9500.00");

        // Closing the position by hand with nobody bidding: the market sell finds no buyer and is cancelled, the copy keeps it.
        Response close = client.post("/api/v1/copies/" + fixedCopy + "/positions/" + SYMBOL + "/close", fixedCopier.token(), "");
        assertThat(close.status()).as(close.raw()).isEqualTo(201);
        assertThat(close.text("accountId")).isEqualTo(fixedAccount);
        assertThat(close.text("side")).isEqualTo("SELL");
        assertDecimal(close.body(), "quantity", "5");
        assertDecimal(close.body(), "filledQuantity", "0");
        assertThat(close.text("status")).isEqualTo("CANCELLED");
        awaitAccount(fixedCopier, fixedAccount, "449.90", "5");

        // The price falls: the market maker sells into a bid at 8.00.
        assertThat(place(bidder, SYMBOL, "BUY", "8.00", "200", "GTC").status()).isEqualTo(201);
        assertThat(place(maker, SYMBOL, "SELL", "8.00", "1", "IOC").text("status")).isEqualTo("FILLED");

        JsonNode stopped = awaitCopy(proportionalCopier, proportionalCopy, copy ->
                assertThat(copy.path("status").asText()).isEqualTo("CLOSED"));
        assertThat(stopped.path("stopReason").asText()).isEqualTo("STOP_LOSS");
        assertDecimal(stopped, "pnl", "-162.88");
        assertThat(nodes(stopped)).extracting(node -> node.path("kind").asText()).containsExactly("STOP", "MIRROR");
        JsonNode stopSale = nodes(stopped).get(0);
        assertThat(stopSale.path("side").asText()).isEqualTo("SELL");
        assertDecimal(stopSale, "filledQuantity", "80");
        awaitCash(proportionalCopier, proportionalCopier.accountId(), "9837.12");
        awaitAccount(proportionalCopier, proportionalAccount, "0.00", null);

        // The same trade valued the fixed copy above its stop-loss.
        JsonNode stillActive = copy(fixedCopier, fixedCopy);
        assertThat(stillActive.path("status").asText()).isEqualTo("ACTIVE");
        assertDecimal(stillActive, "equity", "489.90");

        Response stop = client.send("DELETE", "/api/v1/copies/" + fixedCopy, fixedCopier.token(), null);
        assertThat(stop.status()).as(stop.raw()).isEqualTo(202);
        assertThat(stop.text("status")).isEqualTo("STOPPING");
        JsonNode closed = awaitCopy(fixedCopier, fixedCopy, copy -> assertThat(copy.path("status").asText()).isEqualTo("CLOSED"));
        assertThat(closed.path("stopReason").asText()).isEqualTo("BY_COPIER");
        assertThat(nodes(closed)).extracting(node -> node.path("kind").asText()).containsExactly("STOP", "CLOSE", "MIRROR");
        assertDecimal(closed, "pnl", "-10.18");
        awaitCash(fixedCopier, fixedCopier.accountId(), "9989.82");
        awaitAccount(fixedCopier, fixedAccount, "0.00", null);

        // A closed copy takes no more money.
        Response late = manage(fixedCopier, fixedCopy, "add-funds", "1.00", 409);
        assertThat(late.text("code")).isEqualTo("COPY_NOT_ACTIVE");

        awaitCopiers(leader, leaderHandle, 0);
        LedgerInvariant.awaitBalanced(client, admin);
    }

    /** Waits until the leader's public copier count (live copies) is {@code count}. */
    private void awaitCopiers(Trader leader, String handle, int count) {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            JsonNode answer = client.graphql(leader.token(), """
                    query($h: String!) { copiers(handle: $h, first: 10) { count edges { node { copyId status } } } }""",
                    Map.of("h", handle));
            assertThat(answer.path("errors").isMissingNode() || answer.path("errors").isEmpty()).as(answer.toString()).isTrue();
            assertThat(answer.path("data").path("copiers").path("count").asInt(-1)).as(answer.toString()).isEqualTo(count);
            assertThat(answer.path("data").path("copiers").path("edges")).as(answer.toString()).hasSize(count);
        });
    }

    /** What the copy API and order entry refuse, each with its code; none of it moves any cash. */
    private void refusals(Trader leader, String leaderHandle, Trader copier, Trader owner, String ownersCopy,
                          String ownersCopyAccount) {
        refused(leader, start("self", leader, leaderHandle, "100.00", "10", "PROPORTIONAL", null), 422, "CANNOT_COPY_SELF");
        refused(copier, start("nobody", copier, "nobody_" + UUID.randomUUID().toString().substring(0, 8), "100.00", "10",
                "PROPORTIONAL", null), 404, "TRADER_NOT_FOUND");
        refused(copier, start("small", copier, leaderHandle, "99.99", "10", "PROPORTIONAL", null), 422, "AMOUNT_BELOW_MINIMUM");
        refused(copier, start("loose", copier, leaderHandle, "1000.00", "99", "PROPORTIONAL", null), 422, "INVALID_STOP_LOSS");

        Response othersCopy = manage(copier, ownersCopy, "pause", null, 404);
        assertThat(othersCopy.text("code")).isEqualTo("COPY_NOT_FOUND");
        Response othersStop = client.send("DELETE", "/api/v1/copies/" + ownersCopy, copier.token(), null);
        assertThat(othersStop.status()).as(othersStop.raw()).isEqualTo(404);

        // A copy is funded from a trading account: not from a COPY account, and a copy's id names no account at all.
        Trader fromCopyAccount = new Trader(owner.token(), ownersCopyAccount);
        refused(owner, start("nested", fromCopyAccount, leaderHandle, "100.00", "10", "PROPORTIONAL", null), 409,
                "COPY_ACCOUNT_MANAGED");
        refused(owner, start("by-copy-id", new Trader(owner.token(), ownersCopy), leaderHandle, "100.00", "10",
                "PROPORTIONAL", null), 404, "ACCOUNT_NOT_FOUND");

        Response direct = client.place(owner.token(), ownersCopyAccount, "direct-1", SYMBOL, "BUY", "10.00", "1", "GTC");
        assertThat(direct.status()).as(direct.raw()).isEqualTo(409);
        assertThat(direct.text("code")).isEqualTo("COPY_ACCOUNT_MANAGED");

        awaitCash(copier, copier.accountId(), "9500.00");
        awaitCash(owner, owner.accountId(), "9000.00");
        awaitCash(leader, leader.accountId(), "8000.00");
    }

    private void refused(Trader caller, Map<String, Object> start, int status, String code) {
        Response response = client.post("/api/v1/copies", caller.token(), start);
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.text("code")).as(response.raw()).isEqualTo(code);
    }

    private Trader trader(String prefix, String funding) {
        String token = client.token(prefix + "-" + UUID.randomUUID(), "TRADER");
        String accountId = client.openAccount(token);
        if (funding != null) {
            String admin = client.token("copy-admin", "ADMIN");
            Response adjusted = client.adjust(admin, accountId, "fund-" + accountId, funding);
            assertThat(adjusted.status()).as(adjusted.raw()).isEqualTo(200);
        }
        return new Trader(token, accountId);
    }

    private static Map<String, Object> start(String clientCopyId, Trader copier, String leader, String amount,
                                             String stopLossPercent, String sizing, String amountPerTrade) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientCopyId", clientCopyId);
        body.put("fromAccountId", copier.accountId());
        body.put("leader", leader);
        body.put("amount", amount);
        body.put("stopLossPercent", stopLossPercent);
        body.put("sizing", sizing);
        if (amountPerTrade != null) {
            body.put("amountPerTrade", amountPerTrade);
        }
        body.put("copyOpenPositions", false);
        return body;
    }

    private Response place(Trader trader, String symbol, String side, String price, String quantity, String timeInForce) {
        return client.place(trader.token(), trader.accountId(), "o-" + UUID.randomUUID(), symbol, side, price, quantity,
                timeInForce);
    }

    private Response manage(Trader copier, String copyId, String action, String amount) {
        return manage(copier, copyId, action, amount, 200);
    }

    private Response manage(Trader copier, String copyId, String action, String amount, int status) {
        Response response = client.post("/api/v1/copies/" + copyId + "/" + action, copier.token(),
                amount == null ? "" : "{\"amount\":\"" + amount + "\"}");
        assertThat(response.status()).as(action + ": " + response.raw()).isEqualTo(status);
        return response;
    }

    private JsonNode copy(Trader copier, String copyId) {
        JsonNode answer = client.graphql(copier.token(), COPY, Map.of("id", copyId));
        assertThat(answer.path("errors").isMissingNode() || answer.path("errors").isEmpty()).as(answer.toString()).isTrue();
        return answer.path("data").path("copy");
    }

    /** Waits until the copier's GraphQL {@code copy} satisfies {@code condition}, and answers it. */
    private JsonNode awaitCopy(Trader copier, String copyId, java.util.function.Consumer<JsonNode> condition) {
        JsonNode[] seen = new JsonNode[1];
        await().atMost(TIMEOUT).untilAsserted(() -> {
            JsonNode copy = copy(copier, copyId);
            assertThat(copy.isObject()).as(String.valueOf(copy)).isTrue();
            condition.accept(copy);
            seen[0] = copy;
        });
        return seen[0];
    }

    private static List<JsonNode> nodes(JsonNode copy) {
        List<JsonNode> nodes = new ArrayList<>();
        copy.path("orders").path("edges").forEach(edge -> nodes.add(edge.path("node")));
        return nodes;
    }

    private static List<JsonNode> filledMirrors(JsonNode copy) {
        return nodes(copy).stream().filter(node -> node.path("kind").asText().equals("MIRROR")
                && node.path("status").asText().equals("FILLED")).toList();
    }

    private static JsonNode onlyOrder(JsonNode copy) {
        assertThat(nodes(copy)).as(copy.toString()).hasSize(1);
        return nodes(copy).get(0);
    }

    /** Waits until the account's available cash is {@code cash} with nothing reserved. */
    private void awaitCash(Trader owner, String accountId, String cash) {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            JsonNode account = client.account(owner.token(), accountId);
            assertDecimal(account.path("cash"), "available", cash);
            assertDecimal(account.path("cash"), "reserved", "0");
        });
    }

    /** Waits until the COPY account has {@code cash} free and, {@code acme} null, no position, else that much ACME. */
    private void awaitAccount(Trader owner, String accountId, String cash, String acme) {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            JsonNode account = client.account(owner.token(), accountId);
            assertThat(account.path("type").asText()).isEqualTo("COPY");
            assertDecimal(account.path("cash"), "available", cash);
            assertDecimal(account.path("cash"), "reserved", "0");
            List<JsonNode> positions = new ArrayList<>();
            account.path("positions").forEach(held -> {
                if (new BigDecimal(held.path("quantity").asText()).signum() != 0) {
                    positions.add(held);
                }
            });
            if (acme == null) {
                assertThat(positions).as(account.toString()).isEmpty();
            } else {
                assertThat(positions).as(account.toString()).hasSize(1);
                assertThat(positions.get(0).path("symbol").asText()).isEqualTo(SYMBOL);
                assertDecimal(positions.get(0), "quantity", acme);
                assertDecimal(positions.get(0), "reserved", "0");
            }
        });
    }

    private static void assertDecimal(JsonNode node, String field, String expected) {
        assertThat(node.path(field).isTextual() || node.path(field).isNumber()).as(field + " in " + node).isTrue();
        assertThat(new BigDecimal(node.path(field).asText())).as(field + " in " + node).isEqualByComparingTo(expected);
    }
}
