package io.tandem;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.TandemClient.Response;
import io.tandem.TradingDesk.Market;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The money rules of order entry over real HTTP against the whole application: the minimum order
 * notional, self-trade prevention by owning user across a user's accounts (with the reason visible
 * to the client and in the read model), a FOK order stopped by it, and market orders shown as
 * market orders in the read model. Instruments are listed by {@link TradingDesk} with 0.0001-share
 * lots and cent ticks, so an order can be worth a fraction of a cent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MoneyRulesEndToEndTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void embeddedStoresInATempDir(DynamicPropertyRegistry registry) {
        registry.add("tandem.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    private TandemClient client;
    private TradingDesk desk;

    @BeforeEach
    void desk() {
        client = new TandemClient(port);
        desk = new TradingDesk(client);
    }

    @AfterEach
    void ledgerStillBalances() {
        LedgerInvariant.awaitBalanced(client, desk.admin);
    }

    private static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.text("code")).as(response.raw()).isEqualTo(code);
    }

    private List<JsonNode> awaitOrders(String token, String accountId, int count) {
        // ignoring failures: until the account is projected, GraphQL answers ACCOUNT_NOT_FOUND
        return await().atMost(TradingDesk.READ_MODEL_TIMEOUT).ignoreExceptions()
                .until(() -> client.allOrders(token, accountId), orders -> orders.size() == count);
    }

    private JsonNode awaitOrder(String token, String accountId, String orderId, String status) {
        return await().atMost(TradingDesk.READ_MODEL_TIMEOUT).ignoreExceptions()
                .until(() -> client.allOrders(token, accountId).stream()
                                .filter(order -> order.path("orderId").asText().equals(orderId)).findFirst(),
                        order -> order.isPresent() && order.get().path("status").asText().equals(status))
                .orElseThrow();
    }

    @Test
    void anOrderBelowTheMinimumNotionalIsRefusedAndWritesNothing() {
        Market market = desk.market();

        // The case: 0.0001 share at 10.00 is a tenth of a cent, far below the default 1.00.
        assertProblem(client.place(desk.alice, market.aliceAccount(), "tiny", market.symbol(), "BUY", "10.00", "0.0001", "GTC"),
                422, "ORDER_NOTIONAL_TOO_SMALL");
        assertProblem(client.place(desk.alice, market.aliceAccount(), "almost", market.symbol(), "BUY", "9.99", "0.1", "GTC"),
                422, "ORDER_NOTIONAL_TOO_SMALL");
        Response minimum = client.place(desk.alice, market.aliceAccount(), "minimum", market.symbol(), "BUY", "10.00", "0.1", "GTC");
        assertThat(minimum.status()).as(minimum.raw()).isEqualTo(201);

        List<JsonNode> orders = awaitOrders(desk.alice, market.aliceAccount(), 1);
        assertThat(orders).extracting(order -> order.path("orderId").asText()).containsExactly(minimum.text("orderId"));
        // 1.00 + 0.01 fee reserved for the one order; the refused ones reserved nothing.
        desk.awaitAccount(desk.alice, market.aliceAccount(), """
                {"available":"9998.99","reserved":"1.01"}""", "[]");
        // Nothing was claimed under the refused client order id either.
        Response reused = client.place(desk.alice, market.aliceAccount(), "tiny", market.symbol(), "BUY", "10.00", "1", "GTC");
        assertThat(reused.status()).as(reused.raw()).isEqualTo(201);
        // Read models follow the events asynchronously: wait for the book's depth to show the resting bids.
        await().atMost(TradingDesk.READ_MODEL_TIMEOUT).untilAsserted(() ->
                assertThat(client.orderBook(desk.alice, market.symbol()).path("bids")).hasSize(1));
    }

    @Test
    void aListingSetsItsOwnMinimumOrderNotionalWithinItsLimits() {
        Market market = desk.market();
        String symbol = market.symbol() + "M";

        assertProblem(client.list(desk.admin, symbol, market.issuerAccount(), "1000", Map.of("minOrderNotional", "0.00")),
                422, "INVALID_INSTRUMENT");
        assertProblem(client.list(desk.admin, symbol, market.issuerAccount(), "1000",
                Map.of("minOrderNotional", "10.01", "maxOrderNotional", "10.00")), 422, "INVALID_INSTRUMENT");
        Response listed = client.list(desk.admin, symbol, market.issuerAccount(), "1000", Map.of("minOrderNotional", "5.00"));
        assertThat(listed.status()).as(listed.raw()).isEqualTo(201);

        assertProblem(client.place(desk.alice, market.aliceAccount(), "small", symbol, "BUY", "10.00", "0.4999", "GTC"),
                422, "ORDER_NOTIONAL_TOO_SMALL");
        Response enough = client.place(desk.alice, market.aliceAccount(), "enough", symbol, "BUY", "10.00", "0.5", "GTC");
        assertThat(enough.status()).as(enough.raw()).isEqualTo(201);
        assertProblem(client.amend(desk.alice, enough.text("orderId"), null, "0.4"), 422, "ORDER_NOTIONAL_TOO_SMALL");
    }

    @Test
    void twoAccountsOfOneUserDoNotTradeWithEachOther() {
        Market market = desk.market();
        String second = client.openAccount(desk.issuer);
        assertThat(client.adjust(desk.admin, second, "fund-second-" + market.symbol(), "1000.00").status()).isEqualTo(200);
        desk.awaitAccount(desk.issuer, second, """
                {"available":"1000.00","reserved":"0.00"}""", "[]");
        Response ask = client.place(desk.issuer, market.issuerAccount(), "ask", market.symbol(), "SELL", "10.00", "5", "GTC");
        assertThat(ask.status()).as(ask.raw()).isEqualTo(201);

        Response own = client.place(desk.issuer, second, "own-bid", market.symbol(), "BUY", "10.00", "5", "GTC");

        assertThat(own.status()).as(own.raw()).isEqualTo(201);
        assertThat(own.text("status")).isEqualTo("CANCELLED");
        assertThat(own.text("cancelReason")).isEqualTo("SELF_TRADE_PREVENTED");
        assertThat(own.body().path("trades")).isEmpty();
        JsonNode order = awaitOrders(desk.issuer, second, 1).get(0);
        assertThat(order.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(order.path("cancelReason").asText()).isEqualTo("SELF_TRADE_PREVENTED");
        desk.awaitAccount(desk.issuer, second, """
                {"available":"1000.00","reserved":"0.00"}""", "[]");

        // The ask is intact, and another user trades with it.
        Response bob = client.place(desk.bob, market.bobAccount(), "bob-bid", market.symbol(), "BUY", "10.00", "5", "GTC");
        assertThat(bob.text("status")).as(bob.raw()).isEqualTo("FILLED");
        await().atMost(TradingDesk.READ_MODEL_TIMEOUT)
                .untilAsserted(() -> assertThat(client.allTrades(desk.bob, market.symbol())).hasSize(1));
    }

    @Test
    void aFillOrKillOrderStoppedBySelfTradePreventionSaysSo() {
        Market market = desk.market();
        String second = client.openAccount(desk.issuer);
        assertThat(client.adjust(desk.admin, second, "fund-second-" + market.symbol(), "1000.00").status()).isEqualTo(200);
        desk.awaitAccount(desk.issuer, second, """
                {"available":"1000.00","reserved":"0.00"}""", "[]");
        client.place(desk.issuer, market.issuerAccount(), "ask", market.symbol(), "SELL", "10.00", "5", "GTC");

        Response fok = client.place(desk.issuer, second, "own-fok", market.symbol(), "BUY", "10.00", "5", "FOK");

        assertThat(fok.text("status")).as(fok.raw()).isEqualTo("CANCELLED");
        assertThat(fok.text("cancelReason")).isEqualTo("SELF_TRADE_PREVENTED");
        JsonNode order = awaitOrders(desk.issuer, second, 1).get(0);
        assertThat(order.path("cancelReason").asText()).isEqualTo("SELF_TRADE_PREVENTED");
        assertThat(order.path("timeInForce").asText()).isEqualTo("FOK");
    }

    @Test
    void marketOrdersShowAsMarketOrdersInTheReadModel() {
        Market market = desk.market();
        client.place(desk.issuer, market.issuerAccount(), "ask", market.symbol(), "SELL", "10.00", "10", "GTC");
        assertThat(client.place(desk.bob, market.bobAccount(), "first", market.symbol(), "BUY", "10.00", "1", "GTC")
                .text("status")).isEqualTo("FILLED");

        Response buy = client.place(desk.alice, market.aliceAccount(), "mkt-buy", market.symbol(), "BUY", null, "2", "GTC");
        Response sell = client.place(desk.issuer, market.issuerAccount(), "mkt-sell", market.symbol(), "SELL", null, "1", "FOK");

        assertThat(buy.text("status")).as(buy.raw()).isEqualTo("FILLED");
        assertThat(sell.text("status")).as(sell.raw()).isEqualTo("CANCELLED");
        JsonNode marketBuy = awaitOrder(desk.alice, market.aliceAccount(), buy.text("orderId"), "FILLED");
        JsonNode marketSell = awaitOrder(desk.issuer, market.issuerAccount(), sell.text("orderId"), "CANCELLED");
        assertThat(marketBuy.path("type").asText()).isEqualTo("MARKET");
        assertThat(marketBuy.path("price").isNull()).as(marketBuy.toString()).isTrue();
        assertThat(marketBuy.path("timeInForce").asText()).isEqualTo("IOC");
        assertThat(marketSell.path("type").asText()).isEqualTo("MARKET");
        assertThat(marketSell.path("price").isNull()).as(marketSell.toString()).isTrue();
        assertThat(marketSell.path("timeInForce").asText()).isEqualTo("FOK");
        assertThat(marketSell.path("cancelReason").asText()).isEqualTo("FILL_OR_KILL_UNFILLED");
    }
}
