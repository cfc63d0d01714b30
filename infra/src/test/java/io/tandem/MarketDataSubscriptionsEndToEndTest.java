package io.tandem;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.marketdata.CandleUpdatesQuery;
import io.tandem.contracts.marketdata.OrderBookUpdatesQuery;
import io.tandem.contracts.marketdata.TradeUpdatesQuery;
import io.tandem.projection.marketdata.CandleProjector;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The market-data subscriptions over a real WebSocket connection (graphql-transport-ws) to the
 * running application: a trader subscribes to a book's trades, depth and one-minute candles, orders
 * placed over REST cross, and each subscription gets the values the queries show. The order book and
 * the candles are re-read after each projection batch, so intermediate states may be conflated: the
 * test waits for the state it expects rather than counting pushes. The candle and instrument queries
 * are read back at the end, as the pushes left them. A replay of the {@code market-data} processor
 * rebuilds the same candles and pushes nothing.
 */
class MarketDataSubscriptionsEndToEndTest extends RunningApplication {

    private static final String TRADES = "subscription { trades(symbol: \"%s\") { tradeId symbol price quantity aggressorSide executedAt } }";
    private static final String BOOK = "subscription { orderBook(symbol: \"%s\", depth: 5) { symbol bids { price quantity orders } asks { price quantity orders } lastPrice } }";
    private static final String CANDLES = "subscription { candles(symbol: \"%s\", interval: M1) { start open high low close volume trades } }";

    private static final Duration REPLAY_TIMEOUT = Duration.ofMinutes(3);

    /** Every push taken so far, by subscription id. */
    private final Map<String, List<JsonNode>> pushes = new HashMap<>();

    @Test
    void tradesDepthAndCandlesArePushedAsTheBookTrades() {
        TandemClient client = new TandemClient(port);
        TradingDesk desk = new TradingDesk(client);
        TradingDesk.Market market = desk.market();
        String symbol = market.symbol();
        awaitCaughtUp(CandleProjector.PROCESSING_GROUP, "order-book", "trade-tape");

        try (GraphQlSubscriber subscriber = GraphQlSubscriber.authenticated(port, desk.bob)) {
            subscribe(subscriber, "trades", TRADES, symbol);
            subscribe(subscriber, "book", BOOK, symbol);
            subscribe(subscriber, "candles", CANDLES, symbol);
            await().atMost(GraphQlSubscriber.WAIT).until(() -> openSubscriptions(symbol) == 3);

            TandemClient.Response ask = client.place(desk.issuer, market.issuerAccount(), "ask-1", symbol, "SELL", "10.50", "30", "GTC");
            assertThat(ask.status()).as(ask.raw()).isEqualTo(201);
            JsonNode resting = awaitPush(subscriber, "book", book -> book.path("asks").size() == 1);
            assertThat(resting.path("asks").get(0)).isEqualTo(client.readJson("""
                    {"price":"10.50","quantity":"30","orders":1}"""));
            assertThat(resting.path("lastPrice").isNull()).isTrue();

            Instant before = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            TandemClient.Response bid = client.place(desk.alice, market.aliceAccount(), "bid-1", symbol, "BUY", "10.50", "12.5", "GTC");
            assertThat(bid.status()).as(bid.raw()).isEqualTo(201);
            Instant after = Instant.now().truncatedTo(ChronoUnit.MINUTES);

            JsonNode trade = awaitPush(subscriber, "trades", any -> true);
            assertThat(trade.path("symbol").asText()).isEqualTo(symbol);
            assertThat(trade.path("price").asText()).isEqualTo("10.50");
            assertThat(trade.path("quantity").asText()).isEqualTo("12.5");
            assertThat(trade.path("aggressorSide").asText()).isEqualTo("BUY");
            assertThat(trade.path("tradeId").asText()).isNotBlank();

            JsonNode traded = awaitPush(subscriber, "book", book -> !book.path("lastPrice").isNull());
            assertThat(traded.path("lastPrice").asText()).isEqualTo("10.50");
            assertThat(traded.path("asks")).isEqualTo(client.readJson("""
                    [{"price":"10.50","quantity":"17.5","orders":1}]"""));
            assertThat(traded.path("bids")).isEmpty();

            JsonNode candle = awaitPush(subscriber, "candles", any -> true);
            assertThat(List.of(before.toString(), after.toString())).contains(candle.path("start").asText());
            assertThat(candle.path("open").asText()).isEqualTo("10.50");
            assertThat(candle.path("high").asText()).isEqualTo("10.50");
            assertThat(candle.path("low").asText()).isEqualTo("10.50");
            assertThat(candle.path("close").asText()).isEqualTo("10.50");
            assertThat(candle.path("volume").asText()).isEqualTo("12.5");
            assertThat(candle.path("trades").asInt()).isEqualTo(1);

            // A second trade at a lower price: the same minute's candle moves (unless the minute turned meanwhile).
            assertThat(client.place(desk.issuer, market.issuerAccount(), "ask-2", symbol, "SELL", "10.40", "5", "GTC").status())
                    .isEqualTo(201);
            assertThat(client.place(desk.bob, market.bobAccount(), "bid-2", symbol, "BUY", "10.40", "2", "IOC").status())
                    .isEqualTo(201);
            JsonNode second = awaitPush(subscriber, "trades", any -> true);
            assertThat(second.path("price").asText()).isEqualTo("10.40");
            assertThat(second.path("quantity").asText()).isEqualTo("2");
            JsonNode moved = awaitPush(subscriber, "candles", c -> c.path("close").asText().equals("10.40"));
            if (moved.path("start").asText().equals(candle.path("start").asText())) {
                assertThat(moved.path("low").asText()).isEqualTo("10.40");
                assertThat(moved.path("volume").asText()).isEqualTo("14.5");
                assertThat(moved.path("trades").asInt()).isEqualTo(2);
            }
            JsonNode depth = awaitPush(subscriber, "book", book -> book.path("lastPrice").asText().equals("10.40"));
            assertThat(depth.path("asks")).isEqualTo(client.readJson("""
                    [{"price":"10.40","quantity":"3","orders":1},{"price":"10.50","quantity":"17.5","orders":1}]"""));

            JsonNode page = client.graphql(desk.bob, """
                    query($s: String!) { candles(symbol: $s, interval: D1, first: 5) { edges { node { open high low close volume trades } } } }""",
                    Map.of("s", symbol)).path("data").path("candles").path("edges");
            assertThat(page.size()).isEqualTo(1);
            assertThat(page.get(0).path("node")).isEqualTo(client.readJson("""
                    {"open":"10.50","high":"10.50","low":"10.40","close":"10.40","volume":"14.5","trades":2}"""));
            JsonNode instruments = client.graphql(desk.bob, "{ instruments { symbol name lastPrice change24h } }", Map.of())
                    .path("data").path("instruments");
            assertThat(instruments).contains(client.readJson("""
                    {"symbol":"%s","name":"%s Corp","lastPrice":"10.40","change24h":"-0.95"}""".formatted(symbol, symbol)));
        }
        await().atMost(GraphQlSubscriber.WAIT).until(() -> openSubscriptions(symbol) == 0);
    }

    @Test
    void aReplayOfTheCandlesRebuildsThemAndPushesNothing() {
        TandemClient client = new TandemClient(port);
        TradingDesk desk = new TradingDesk(client);
        TradingDesk.Market market = desk.market();
        String symbol = market.symbol();
        String allIntervals = """
                query($s: String!) {
                  m: candles(symbol: $s, interval: M1, first: 5) { edges { cursor node { start open high low close volume trades } } }
                  h: candles(symbol: $s, interval: H1, first: 5) { edges { cursor node { start open high low close volume trades } } }
                  d: candles(symbol: $s, interval: D1, first: 5) { edges { cursor node { start open high low close volume trades } } } }""";
        awaitCaughtUp(CandleProjector.PROCESSING_GROUP);

        try (GraphQlSubscriber subscriber = GraphQlSubscriber.authenticated(port, desk.bob)) {
            subscribe(subscriber, "candles", CANDLES, symbol);
            await().atMost(GraphQlSubscriber.WAIT).until(() -> openSubscriptions(symbol) == 1);
            TandemClient.Response ask = client.place(desk.issuer, market.issuerAccount(), "ask-1", symbol, "SELL", "20.00", "10", "GTC");
            assertThat(ask.status()).as(ask.raw()).isEqualTo(201);
            TandemClient.Response bid = client.place(desk.alice, market.aliceAccount(), "bid-1", symbol, "BUY", "20.00", "4", "GTC");
            assertThat(bid.status()).as(bid.raw()).isEqualTo(201);
            assertThat(awaitPush(subscriber, "candles", any -> true).path("trades").asInt()).isEqualTo(1);
            JsonNode before = client.graphql(desk.bob, allIntervals, Map.of("s", symbol)).path("data");
            assertThat(before.path("d").path("edges")).hasSize(1);

            replay(CandleProjector.PROCESSING_GROUP);
            await().atMost(TradingDesk.READ_MODEL_TIMEOUT).untilAsserted(() ->
                    assertThat(client.graphql(desk.bob, allIntervals, Map.of("s", symbol)).path("data")).isEqualTo(before));

            TandemClient.Response again = client.place(desk.bob, market.bobAccount(), "bid-2", symbol, "BUY", "20.00", "1", "GTC");
            assertThat(again.status()).as(again.raw()).isEqualTo(201);
            JsonNode first = awaitPush(subscriber, "candles", any -> true);
            assertThat(first.path("trades").asInt() + " trades, volume " + first.path("volume").asText())
                    .as("the first push after the replay is the new trade's, not a replayed one")
                    .isIn("2 trades, volume 5", "1 trades, volume 1"); // the same minute, or the next one
            assertThat(subscriber.pending()).isZero();
        }
    }

    @Test
    void aMalformedDateTimeIsABadRequestNotAnInternalError() {
        TandemClient client = new TandemClient(port);
        String token = client.token("candle-reader", "TRADER");

        JsonNode answer = client.graphql(token, "query($from: DateTime) { candles(symbol: \"E1\", interval: M1, from: $from) { edges { cursor } } }",
                Map.of("from", "last tuesday"));

        assertThat(answer.path("errors").get(0).path("extensions").path("code").asText()).as(answer.toString())
                .isEqualTo("MALFORMED_REQUEST");
        assertThat(answer.path("data").path("candles").isMissingNode() || answer.path("data").isNull()
                || answer.path("data").isMissingNode()).isTrue();
    }

    /** Resets the processor to the start of the event stream and waits until it has caught up again (as FeedSubscriptionEndToEndTest does). */
    private void replay(String processingGroup) {
        PooledStreamingEventProcessor processor = processor(processingGroup);
        processor.shutdownAsync().join();
        processor.resetTokens();
        processor.start();
        awaitCaughtUp(processingGroup);
    }

    /**
     * Waits until the processors have caught up with the event stream: the application is shared with
     * earlier test classes (the fuzz test leaves thousands of events behind), and a push waited for
     * one message at a time would otherwise measure their backlog.
     */
    private void awaitCaughtUp(String... processingGroups) {
        TrackingToken head = context.getBean(EventStore.class).createHeadToken();
        long headPosition = head == null ? -1 : head.position().orElse(-1);
        for (String processingGroup : processingGroups) {
            PooledStreamingEventProcessor processor = processor(processingGroup);
            await().atMost(REPLAY_TIMEOUT).until(() -> processor.isRunning()
                    && !processor.processingStatus().isEmpty()
                    && processor.processingStatus().values().stream().allMatch(status -> status.isCaughtUp()
                            && status.getCurrentPosition().orElse(-1) >= headPosition));
        }
    }

    private PooledStreamingEventProcessor processor(String processingGroup) {
        return context.getBean(EventProcessingConfiguration.class)
                .eventProcessor(processingGroup, PooledStreamingEventProcessor.class)
                .orElseThrow(() -> new AssertionError("no pooled processor " + processingGroup));
    }

    private void subscribe(GraphQlSubscriber subscriber, String id, String document, String symbol) {
        subscriber.subscribe(id, document.formatted(symbol));
    }

    private long openSubscriptions(String symbol) {
        Symbol book = Symbol.of(symbol);
        return context.getBean(QueryUpdateEmitter.class).activeSubscriptions().stream()
                .map(subscription -> subscription.getPayload())
                .filter(query -> query instanceof TradeUpdatesQuery trades && trades.symbol().equals(book)
                        || query instanceof OrderBookUpdatesQuery depth && depth.symbol().equals(book)
                        || query instanceof CandleUpdatesQuery candles && candles.symbol().equals(book))
                .count();
    }

    /**
     * The first push of subscription {@code id} not taken yet that matches {@code wanted}; pushes of
     * that subscription before it are dropped, those of others are kept for later.
     */
    private JsonNode awaitPush(GraphQlSubscriber subscriber, String id, Predicate<JsonNode> wanted) {
        List<JsonNode> mine = pushes.computeIfAbsent(id, key -> new ArrayList<>());
        while (true) {
            while (!mine.isEmpty()) {
                JsonNode push = mine.remove(0);
                if (wanted.test(push)) {
                    return push;
                }
            }
            JsonNode message = subscriber.next();
            assertThat(message.path("type").asText()).as(message.toString()).isEqualTo("next");
            assertThat(message.path("payload").path("errors").isMissingNode()).as(message.toString()).isTrue();
            String of = message.path("id").asText();
            String field = switch (of) {
                case "trades" -> "trades";
                case "book" -> "orderBook";
                default -> "candles";
            };
            pushes.computeIfAbsent(of, key -> new ArrayList<>()).add(message.path("payload").path("data").path(field));
        }
    }
}
