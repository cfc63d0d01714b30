package io.tandem;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.TandemClient.Response;
import io.tandem.TradingDesk.Market;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.metamodel.EntityType;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.jpa.TokenEntry;
import org.axonframework.eventsourcing.eventstore.jpa.DomainEventEntry;
import org.axonframework.modelling.saga.repository.jpa.SagaEntry;
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
import java.util.List;
import java.util.Set;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A trading session over real HTTP against the whole application on embedded stores, the way a
 * client drives it: dev tokens, REST commands, GraphQL reads. Every test opens its own accounts and
 * lists its own instrument, so tests do not depend on each other's order. Expected amounts are
 * worked out by hand: fees are maker 0.1% and taker 0.2%, rounded up to the cent; a buy reserves
 * ceil(limit x quantity) + ceil(limit x quantity x 0.2%).
 * <p>
 * One application context serves every test; it is closed after the class, before the temporary
 * data directory is deleted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TradingSessionEndToEndTest {

    private static final Duration READ_MODEL_TIMEOUT = TradingDesk.READ_MODEL_TIMEOUT;

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void embeddedStoresInATempDir(DynamicPropertyRegistry registry) {
        registry.add("tandem.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    EventProcessingConfiguration eventProcessing;
    @Autowired
    EntityManagerFactory entityManagerFactory;

    private TandemClient client;
    private TradingDesk desk;
    private String admin;
    private String issuer;
    private String alice;
    private String bob;

    @BeforeEach
    void tokens() {
        client = new TandemClient(port);
        desk = new TradingDesk(client);
        admin = desk.admin;
        issuer = desk.issuer;
        alice = desk.alice;
        bob = desk.bob;
    }

    @AfterEach
    void ledgerStillBalances() {
        LedgerInvariant.awaitBalanced(client, admin);
    }

    private Market market() {
        return desk.market();
    }

    private JsonNode json(String text) {
        return desk.json(text);
    }

    private void awaitAccount(String token, String accountId, String cash, String positions) {
        desk.awaitAccount(token, accountId, cash, positions);
    }

    private static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.text("code")).as(response.raw()).isEqualTo(code);
    }

    @Test
    void requestsWithoutATokenAreUnauthenticated() {
        assertProblem(client.post("/api/v1/accounts", null, Map.of()), 401, "UNAUTHENTICATED");
        assertProblem(client.post("/graphql", null, Map.of("query", "{ __typename }")), 401, "UNAUTHENTICATED");
    }

    @Test
    void healthApiDocsSwaggerUiAndGraphiqlAreReachable() {
        assertThat(client.get("/actuator/health", null).text("status")).isEqualTo("UP");
        assertThat(client.get("/v3/api-docs", null).body().path("paths").has("/api/v1/orders")).isTrue();
        assertThat(client.get("/swagger-ui.html", null).status()).isEqualTo(200);
        assertThat(client.get("/graphiql", null).status()).isEqualTo(200);
    }

    @Test
    void listingCreditsTheWholeSupplyToTheIssuer() {
        Market market = market();

        awaitAccount(issuer, market.issuerAccount(), """
                {"available":"0.00","reserved":"0.00"}""", """
                [{"symbol":"%s","quantity":"1000000","reserved":"0"}]""".formatted(market.symbol()));
    }

    @Test
    void repeatedAdjustmentIdCreditsOnlyOnce() {
        Market market = market();

        Response again = client.adjust(admin, market.aliceAccount(), "fund-" + market.symbol(), "10000.00");
        Response next = client.adjust(admin, market.aliceAccount(), "bonus-" + market.symbol(), "1.00");

        assertThat(again.body()).isEqualTo(json("""
                {"accountId":"%s","adjustmentId":"fund-%s","amount":"10000.00"}""".formatted(market.aliceAccount(), market.symbol())));
        assertThat(next.status()).isEqualTo(200);
        awaitAccount(alice, market.aliceAccount(), """
                {"available":"10001.00","reserved":"0.00"}""", "[]");
    }

    @Test
    void partialFillSettlesBothSidesAndChargesMakerAndTakerFees() {
        Market market = market();
        Response ask = client.place(issuer, market.issuerAccount(), "ask-1", market.symbol(), "SELL", "10.00", "100", "GTC");
        Response bid = client.place(alice, market.aliceAccount(), "bid-1", market.symbol(), "BUY", "10.00", "150", "GTC");

        assertThat(ask.status()).as(ask.raw()).isEqualTo(201);
        assertThat(ask.text("status")).isEqualTo("NEW");
        assertThat(bid.status()).as(bid.raw()).isEqualTo(201);
        assertThat(bid.text("status")).isEqualTo("PARTIALLY_FILLED");
        assertThat(bid.text("filledQuantity")).isEqualTo("100");
        assertThat(bid.body().path("trades")).hasSize(1);
        assertThat(bid.body().path("trades").get(0).path("price").asText()).isEqualTo("10.00");
        assertThat(bid.body().path("trades").get(0).path("quantity").asText()).isEqualTo("100");
        // Reserved 1500.00 + 3.00 fee; paid 1000.00 + 2.00 taker fee; 50 @ 10.00 + 1.00 fee stays reserved.
        awaitAccount(alice, market.aliceAccount(), """
                {"available":"8497.00","reserved":"501.00"}""", """
                [{"symbol":"%s","quantity":"100","reserved":"0"}]""".formatted(market.symbol()));
        // Received 1000.00 - 1.00 maker fee.
        awaitAccount(issuer, market.issuerAccount(), """
                {"available":"999.00","reserved":"0.00"}""", """
                [{"symbol":"%s","quantity":"999900","reserved":"0"}]""".formatted(market.symbol()));
    }

    @Test
    void cancellingThePartiallyFilledRemainderReleasesItsReservation() {
        Market market = market();
        client.place(issuer, market.issuerAccount(), "ask-1", market.symbol(), "SELL", "10.00", "100", "GTC");
        String orderId = client.place(alice, market.aliceAccount(), "bid-1", market.symbol(), "BUY", "10.00", "150", "GTC")
                .text("orderId");

        Response cancelled = client.send("DELETE", "/api/v1/orders/" + orderId, alice, null);

        assertThat(cancelled.status()).as(cancelled.raw()).isEqualTo(200);
        assertThat(cancelled.text("orderId")).isEqualTo(orderId);
        assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
        awaitAccount(alice, market.aliceAccount(), """
                {"available":"8998.00","reserved":"0.00"}""", """
                [{"symbol":"%s","quantity":"100","reserved":"0"}]""".formatted(market.symbol()));
        await().atMost(READ_MODEL_TIMEOUT).untilAsserted(() -> assertThat(client.orders(alice, market.aliceAccount())
                .path("edges").get(0).path("node").path("status").asText()).isEqualTo("CANCELLED"));
    }

    @Test
    void immediateOrCancelRemainderIsCancelledAndItsReservationReleased() {
        Market market = market();
        client.place(issuer, market.issuerAccount(), "ask-1", market.symbol(), "SELL", "10.50", "30", "GTC");

        Response ioc = client.place(alice, market.aliceAccount(), "ioc-1", market.symbol(), "BUY", "10.50", "50", "IOC");

        assertThat(ioc.status()).as(ioc.raw()).isEqualTo(201);
        assertThat(ioc.text("status")).isEqualTo("CANCELLED");
        assertThat(ioc.text("filledQuantity")).isEqualTo("30");
        // Reserved 525.00 + 1.05; paid 315.00 + 0.63 taker fee; the rest went back.
        awaitAccount(alice, market.aliceAccount(), """
                {"available":"9684.37","reserved":"0.00"}""", """
                [{"symbol":"%s","quantity":"30","reserved":"0"}]""".formatted(market.symbol()));
        // Received 315.00 - 0.32 maker fee (0.315 rounded up).
        awaitAccount(issuer, market.issuerAccount(), """
                {"available":"314.68","reserved":"0.00"}""", """
                [{"symbol":"%s","quantity":"999970","reserved":"0"}]""".formatted(market.symbol()));
    }

    @Test
    void replayedClientOrderIdAnswersTheOriginalResultAndPlacesNothing() {
        Market market = market();
        Response first = client.place(alice, market.aliceAccount(), "once", market.symbol(), "BUY", "9.00", "10", "GTC");

        Response replay = client.place(alice, market.aliceAccount(), "once", market.symbol(), "BUY", "9.00", "10", "GTC");

        assertThat(replay.status()).as(replay.raw()).isEqualTo(201);
        assertThat(replay.body()).isEqualTo(first.body());
        // One reservation only: 90.00 + 0.18.
        awaitAccount(alice, market.aliceAccount(), """
                {"available":"9909.82","reserved":"90.18"}""", "[]");
        await().atMost(READ_MODEL_TIMEOUT).untilAsserted(() ->
                assertThat(client.orderBook(alice, market.symbol()).path("bids")).isEqualTo(json("""
                        [{"price":"9.00","quantity":"10","orders":1}]""")));
    }

    @Test
    void traderCannotTradeOnOrReadAnotherTradersAccount() {
        Market market = market();

        Response intrusion = client.place(bob, market.aliceAccount(), "mine", market.symbol(), "BUY", "9.00", "1", "GTC");

        // To bob, alice's account does not exist: the refusal is the one an unknown account gets.
        Response unknown = client.place(bob, "no-such-account", "mine", market.symbol(), "BUY", "9.00", "1", "GTC");
        assertThat(intrusion.status()).as(intrusion.raw()).isEqualTo(404);
        assertThat(intrusion.text("code")).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(intrusion.raw()).isEqualTo(unknown.raw().replace("no-such-account", market.aliceAccount()));
        // Nor once the read model knows it: bob reads null, as for an id that was never opened.
        await().untilAsserted(() -> assertThat(client.graphql(alice, "query($id: ID!) { account(id: $id) { id } }",
                Map.of("id", market.aliceAccount())).path("data").path("account").path("id").asText())
                .isEqualTo(market.aliceAccount()));
        JsonNode peek = client.graphql(bob, "query($id: ID!) { account(id: $id) { id cash { available } } }",
                Map.of("id", market.aliceAccount()));
        assertThat(peek).isEqualTo(client.graphql(bob, "query($id: ID!) { account(id: $id) { id cash { available } } }",
                Map.of("id", "no-such-account")));
        assertThat(peek.path("errors").isMissingNode()).as(peek.toString()).isTrue();
        assertThat(peek.path("data").path("account").isNull()).as(peek.toString()).isTrue();
    }

    @Test
    void traderCannotCancelAnotherTradersOrder() {
        Market market = market();
        String orderId = client.place(alice, market.aliceAccount(), "rest", market.symbol(), "BUY", "9.00", "1", "GTC")
                .text("orderId");

        Response foreign = client.send("DELETE", "/api/v1/orders/" + orderId, bob, null);
        Response unknown = client.send("DELETE", "/api/v1/orders/no-such-order", bob, null);
        assertProblem(foreign, 404, "ORDER_NOT_FOUND");
        assertThat(foreign.raw()).isEqualTo(unknown.raw().replace("no-such-order", orderId));
    }

    @Test
    void malformedJsonIsMalformedRequest() {
        assertProblem(client.post("/api/v1/orders", alice, "{\"clientOrderId\":"), 400, "MALFORMED_REQUEST");
    }

    @Test
    void priceOffTheTickIsRejected() {
        Market market = market();
        assertProblem(client.place(alice, market.aliceAccount(), "tick", market.symbol(), "BUY", "10.001", "1", "GTC"),
                422, "INVALID_TICK");
    }

    @Test
    void unknownSymbolIsRejected() {
        Market market = market();
        assertProblem(client.place(alice, market.aliceAccount(), "nosym", "NOPE", "BUY", "10.00", "1", "GTC"),
                422, "UNKNOWN_INSTRUMENT");
    }

    @Test
    void buyBeyondAvailableCashIsRejectedAndReservesNothing() {
        Market market = market();

        // 1000 @ 10.00 needs 10,000.00 + 20.00; bob has 5,000.00.
        assertProblem(client.place(bob, market.bobAccount(), "big", market.symbol(), "BUY", "10.00", "1000", "GTC"),
                422, "INSUFFICIENT_FUNDS");
        awaitAccount(bob, market.bobAccount(), """
                {"available":"5000.00","reserved":"0.00"}""", "[]");
    }

    @Test
    void unknownOrderIsNotFound() {
        assertProblem(client.send("DELETE", "/api/v1/orders/no-such-order", alice, null), 404, "ORDER_NOT_FOUND");
    }

    @Test
    void traderCannotListInstruments() {
        Response response = client.post("/api/v1/instruments", alice, Map.of("symbol", "NOPE"));
        assertProblem(response, 403, "FORBIDDEN");
    }

    @Test
    void orderBookAndTradesAreServedByGraphqlNewestTradeFirst() {
        Market market = market();
        client.place(issuer, market.issuerAccount(), "ask-1", market.symbol(), "SELL", "10.00", "5", "GTC");
        client.place(issuer, market.issuerAccount(), "ask-2", market.symbol(), "SELL", "10.20", "5", "GTC");
        String firstTrade = client.place(alice, market.aliceAccount(), "b1", market.symbol(), "BUY", "10.00", "2", "GTC")
                .body().path("trades").get(0).path("tradeId").asText();
        String secondTrade = client.place(alice, market.aliceAccount(), "b2", market.symbol(), "BUY", "10.00", "1", "GTC")
                .body().path("trades").get(0).path("tradeId").asText();
        client.place(bob, market.bobAccount(), "b3", market.symbol(), "BUY", "9.50", "4", "GTC");

        await().atMost(READ_MODEL_TIMEOUT).untilAsserted(() -> assertThat(client.orderBook(alice, market.symbol()))
                .isEqualTo(json("""
                        {"bids":[{"price":"9.50","quantity":"4","orders":1}],
                         "asks":[{"price":"10.00","quantity":"2","orders":1},{"price":"10.20","quantity":"5","orders":1}],
                         "lastPrice":"10.00"}""")));
        await().atMost(READ_MODEL_TIMEOUT).untilAsserted(() -> assertThat(client.trades(alice, market.symbol()).path("edges"))
                .isEqualTo(json("""
                        [{"node":{"tradeId":"%s","symbol":"%s","price":"10.00","quantity":"1","aggressorSide":"BUY"}},
                         {"node":{"tradeId":"%s","symbol":"%s","price":"10.00","quantity":"2","aggressorSide":"BUY"}}]"""
                        .formatted(secondTrade, market.symbol(), firstTrade, market.symbol()))));
    }

    @Test
    void reducingAnOrdersQuantityKeepsItOnTheBook() {
        Market market = market();
        String orderId = client.place(alice, market.aliceAccount(), "amend", market.symbol(), "BUY", "9.00", "10", "GTC")
                .text("orderId");

        Response amended = client.send("PATCH", "/api/v1/orders/" + orderId, alice, "{\"quantity\":\"4\"}");

        assertThat(amended.status()).as(amended.raw()).isEqualTo(200);
        assertThat(amended.text("quantity")).isEqualTo("4");
        assertThat(amended.text("status")).isEqualTo("NEW");
        await().atMost(READ_MODEL_TIMEOUT).untilAsserted(() ->
                assertThat(client.orderBook(alice, market.symbol()).path("bids")).isEqualTo(json("""
                        [{"price":"9.00","quantity":"4","orders":1}]""")));
    }

    @Test
    void adminLedgerBalancesCashAndEveryInstrumentsSupply() {
        Market market = market();
        client.place(issuer, market.issuerAccount(), "ask-1", market.symbol(), "SELL", "10.50", "30", "GTC");
        client.place(alice, market.aliceAccount(), "ioc-1", market.symbol(), "BUY", "10.50", "50", "IOC");

        await().atMost(READ_MODEL_TIMEOUT).untilAsserted(() -> {
            Response ledger = client.get("/api/v1/admin/ledger", admin);
            assertThat(ledger.status()).as(ledger.raw()).isEqualTo(200);
            assertThat(ledger.body().path("balanced").asBoolean()).as(ledger.raw()).isTrue();
            assertThat(ledger.text("cashTotal")).isEqualTo(ledger.text("adjustmentsTotal"));
            assertThat(ledger.body().path("instruments")).contains(json("""
                    {"symbol":"%s","supply":"1000000","positionsTotal":"1000000"}""".formatted(market.symbol())));
        });
    }

    @Test
    void aFailingEventHandlerFailsItsBatchForARetryInsteadOfSkippingTheEvent() {
        for (String group : List.of("portfolio", "orders", "order-book", "trade-tape", "instruments", "market-data", "settlement",
                "payments", "payments-view", "instrument-catalog", "trader-handles", "trader-blocks", "post-lookup", "trade-posts",
                "social", "home-feed", "notifications", "copy-mirror", "copies", "performance")) {
            assertThat(eventProcessing.listenerInvocationErrorHandler(group)).as(group)
                    .isInstanceOf(PropagatingErrorHandler.class);
        }
    }

    @Test
    void onlyTheLookupTableProcessorsAreSubscribing() {
        assertThat(eventProcessing.eventProcessors()).isNotEmpty().allSatisfy((name, processor) -> {
            if (Set.of("instrument-catalog", "payment-limits", "trader-handles", "trader-blocks", "post-lookup").contains(name)) {
                assertThat(processor).isInstanceOf(SubscribingEventProcessor.class);
            } else {
                assertThat(processor).as(name).isInstanceOf(PooledStreamingEventProcessor.class);
            }
        });
        assertThat(eventProcessing.eventProcessors()).containsKeys("instrument-catalog", "payment-limits", "trader-handles",
                "trader-blocks", "settlement",
                "portfolio", "orders", "order-book", "trade-tape", "instruments", "market-data",
                "payments", "payments-view", "post-lookup", "trade-posts", "social", "home-feed", "notifications",
                "copy-mirror", "copies", "performance");
    }

    @Test
    void jpaHoldsAxonsEntitiesBesideTandemsOwn() {
        var entities = entityManagerFactory.getMetamodel().getEntities().stream().<Class<?>>map(EntityType::getJavaType).toList();

        assertThat(entities).contains(DomainEventEntry.class, TokenEntry.class, SagaEntry.class);
        assertThat(entities).anySatisfy(type -> assertThat(type.getPackageName()).startsWith("io.tandem.command"));
    }
}
