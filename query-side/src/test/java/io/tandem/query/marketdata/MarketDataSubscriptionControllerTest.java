package io.tandem.query.marketdata;

import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.marketdata.CandleInterval;
import io.tandem.contracts.marketdata.CandlePage;
import io.tandem.contracts.marketdata.CandleUpdatesQuery;
import io.tandem.contracts.marketdata.CandleView;
import io.tandem.contracts.marketdata.FindCandlesQuery;
import io.tandem.contracts.marketdata.FindOrderBookQuery;
import io.tandem.contracts.marketdata.MarketChange;
import io.tandem.contracts.marketdata.OrderBookUpdatesQuery;
import io.tandem.contracts.marketdata.OrderBookView;
import io.tandem.contracts.marketdata.PriceLevelView;
import io.tandem.contracts.marketdata.TradeUpdatesQuery;
import io.tandem.contracts.marketdata.TradeView;
import io.tandem.query.GraphQlTestSupport;
import io.tandem.query.api.GraphQlLimitsConfiguration;
import io.tandem.query.api.GraphQlScalars;
import io.tandem.query.api.TandemSubscriptionErrorResolver;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.graphql.GraphQlTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.execution.SubscriptionPublisherException;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

@GraphQlTest({MarketDataSubscriptionController.class})
@Import({GraphQlLimitsConfiguration.class, TandemSubscriptionErrorResolver.class, GraphQlScalars.class})
class MarketDataSubscriptionControllerTest extends GraphQlTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Symbol ACME = Symbol.of("ACME");

    @Autowired
    private GraphQlTester graphQlTester;

    @MockitoBean
    private QueryGateway queryGateway;

    @SuppressWarnings("unchecked")
    private <U> Sinks.Many<U> updatesOf(Object query, Class<U> updateType) {
        Sinks.Many<U> updates = Sinks.many().unicast().onBackpressureBuffer();
        SubscriptionQueryResult<Boolean, U> result = mock(SubscriptionQueryResult.class);
        given(result.updates()).willReturn(updates.asFlux());
        given(queryGateway.subscriptionQuery(eq(query), eq(Boolean.class), eq(updateType))).willReturn(result);
        return updates;
    }

    private static OrderBookView book(String bid) {
        return new OrderBookView("ACME", List.of(new PriceLevelView(bid, "1", 1)), List.of(), "10.00");
    }

    @Test
    void eachTradeOfTheBookIsPushed() {
        actAs("bob", "TRADER");
        Sinks.Many<TradeView> updates = updatesOf(new TradeUpdatesQuery(ACME), TradeView.class);
        updates.tryEmitNext(new TradeView("t-1", "ACME", "10.00", "1.5", "BUY", "2026-12-01T14:02:03Z", "c1"));

        Map<?, ?> trade = graphQlTester.document("subscription { trades(symbol: \"ACME\") { tradeId price quantity aggressorSide executedAt } }")
                .executeSubscription().toFlux("trades", Map.class).blockFirst(WAIT);

        assertThat(trade).isEqualTo(Map.of("tradeId", "t-1", "price", "10.00", "quantity", "1.5", "aggressorSide", "BUY",
                "executedAt", "2026-12-01T14:02:03Z"));
    }

    @Test
    void eachChangeOfTheBookIsAnsweredWithItsDepthAsTheQueryShowsItAndRepeatsAreNotPushed() {
        actAs("bob", "TRADER");
        Sinks.Many<MarketChange> changes = updatesOf(new OrderBookUpdatesQuery(ACME), MarketChange.class);
        given(queryGateway.query(eq(new FindOrderBookQuery(ACME, 3)), any(ResponseType.class))).willReturn(
                CompletableFuture.completedFuture(book("9.90")), CompletableFuture.completedFuture(book("9.90")),
                CompletableFuture.completedFuture(book("9.95")));
        for (int i = 0; i < 3; i++) {
            changes.tryEmitNext(new MarketChange("ACME"));
        }

        List<String> bestBids = graphQlTester.document("subscription { orderBook(symbol: \"ACME\", depth: 3) { bids { price } lastPrice } }")
                .executeSubscription().toFlux("orderBook.bids[0].price", String.class).take(2).collectList().block(WAIT);

        assertThat(bestBids).containsExactly("9.90", "9.95");
    }

    @Test
    void eachChangeOfTheCandlesIsAnsweredWithTheNewestCandleOfTheInterval() {
        actAs("bob", "TRADER");
        Sinks.Many<MarketChange> changes = updatesOf(new CandleUpdatesQuery(ACME), MarketChange.class);
        given(queryGateway.query(eq(new FindCandlesQuery(ACME, CandleInterval.H1, null, null, 1, null)), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(new CandlePage(List.of(new CandleView("ACME", CandleInterval.H1,
                        "2026-12-01T14:00:00Z", "10.00", "10.50", "9.90", "10.20", "3", 2, "c")), true)));
        changes.tryEmitNext(new MarketChange("ACME"));

        Map<?, ?> candle = graphQlTester.document("subscription { candles(symbol: \"ACME\", interval: H1) { start open close volume trades } }")
                .executeSubscription().toFlux("candles", Map.class).blockFirst(WAIT);

        assertThat(candle).isEqualTo(Map.of("start", "2026-12-01T14:00:00Z", "open", "10.00", "close", "10.20", "volume", "3",
                "trades", 2));
    }

    @Test
    void aSymbolThatCouldNotBeListedIsRefusedBeforeAnythingIsSubscribed() {
        actAs("bob", "TRADER");

        for (String document : List.of("subscription { orderBook(symbol: \" \") { symbol } }",
                "subscription { trades(symbol: \"acme\") { tradeId } }",
                "subscription { candles(symbol: \"ACME:1\", interval: M1) { close } }",
                "subscription { trades(symbol: \"ABCDEFGHIJKLM\") { tradeId } }")) {
            assertThatThrownBy(() -> graphQlTester.document(document).executeSubscription().toFlux().blockLast(WAIT)).as(document)
                    .isInstanceOfSatisfying(SubscriptionPublisherException.class, refusal -> assertThat(refusal.getErrors())
                            .singleElement().satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "MALFORMED_REQUEST")));
        }
        verify(queryGateway, never()).subscriptionQuery(any(), any(Class.class), any(Class.class));
    }

    @Test
    void unsubscribingClosesTheAxonSubscriptionQuery() {
        actAs("bob", "TRADER");
        Sinks.Many<MarketChange> changes = Sinks.many().unicast().onBackpressureBuffer();
        @SuppressWarnings("unchecked")
        SubscriptionQueryResult<Boolean, MarketChange> result = mock(SubscriptionQueryResult.class);
        given(result.updates()).willReturn(changes.asFlux());
        given(queryGateway.subscriptionQuery(eq(new OrderBookUpdatesQuery(ACME)), eq(Boolean.class), eq(MarketChange.class)))
                .willReturn(result);
        given(queryGateway.query(any(FindOrderBookQuery.class), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(book("9.90")));
        changes.tryEmitNext(new MarketChange("ACME"));

        graphQlTester.document("subscription { orderBook(symbol: \"ACME\") { symbol } }").executeSubscription()
                .toFlux("orderBook.symbol", String.class).blockFirst(WAIT);

        verify(result, timeout(5_000)).cancel();
    }
}
