package io.tandem.query.marketdata;

import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.marketdata.*;
import io.tandem.query.GraphQlTestSupport;
import io.tandem.query.api.GraphQlLimitsConfiguration;
import io.tandem.query.api.GraphQlScalars;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.graphql.GraphQlTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

@GraphQlTest(MarketDataController.class)
@Import({GraphQlLimitsConfiguration.class, GraphQlScalars.class})
class MarketDataControllerTest extends GraphQlTestSupport {

    private static final String BOOK = "{ orderBook(symbol: \"ACME\", depth: 2) { symbol bids { price quantity orders } asks { price quantity orders } lastPrice } }";
    private static final String TRADES = "{ trades(symbol: \"ACME\", first: 2, after: \"c9\") "
            + "{ edges { cursor node { tradeId symbol price quantity aggressorSide executedAt } } pageInfo { hasNextPage endCursor } } }";

    @Autowired
    private GraphQlTester graphQlTester;

    @MockitoBean
    private QueryGateway queryGateway;

    @Test
    void anyTraderReadsTheBookDepthWithTheRequestedNumberOfLevels() {
        actAs("bob", "TRADER");
        given(queryGateway.query(eq(new FindOrderBookQuery(Symbol.of("ACME"), 2)), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(new OrderBookView("ACME",
                        List.of(new PriceLevelView("9.90", "5", 2)), List.of(new PriceLevelView("10.00", "1.5", 1)), null)));

        graphQlTester.document(BOOK).execute()
                .path("orderBook.bids[0].price").entity(String.class).isEqualTo("9.90")
                .path("orderBook.bids[0].orders").entity(Integer.class).isEqualTo(2)
                .path("orderBook.asks[0].quantity").entity(String.class).isEqualTo("1.5")
                .path("orderBook.lastPrice").valueIsNull();
    }

    @Test
    void anUnknownSymbolHasNoBook() {
        actAs("bob", "TRADER");
        given(queryGateway.query(any(FindOrderBookQuery.class), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(null));

        graphQlTester.document(BOOK).execute().errors().verify().path("orderBook").valueIsNull();
    }

    @Test
    void tradesArriveNewestFirstAsARelayConnection() {
        actAs("bob", "TRADER");
        given(queryGateway.query(any(FindTradesQuery.class), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(new TradePage(List.of(
                        new TradeView("t-2", "ACME", "10.10", "0.5", "BUY", "2025-01-01T10:00:02Z", "c2"),
                        new TradeView("t-1", "ACME", "10.00", "1.5", "BUY", "2025-01-01T10:00:01Z", "c1")), "c1", true)));

        graphQlTester.document(TRADES).execute()
                .path("trades.edges[*].node.tradeId").entityList(String.class).containsExactly("t-2", "t-1")
                .path("trades.edges[1].cursor").entity(String.class).isEqualTo("c1")
                .path("trades.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        verify(queryGateway).query(eq(new FindTradesQuery(Symbol.of("ACME"), 2, "c9")), any(ResponseType.class));
    }

    @Test
    void aBlankSymbolIsABadRequest() {
        actAs("bob", "TRADER");

        graphQlTester.document("{ orderBook(symbol: \" \") { symbol } }").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
                    assertThat(error.getExtensions()).containsEntry("code", "MALFORMED_REQUEST");
                }));
    }

    private static final String CANDLES = "query($from: DateTime, $to: DateTime) { candles(symbol: \"ACME\", interval: M1, from: $from, to: $to, first: 2, after: \"c9\") "
            + "{ edges { cursor node { start open high low close volume trades } } pageInfo { hasNextPage endCursor } } }";

    private static CandleView candle(String start, String close, String volume, long trades) {
        return new CandleView("ACME", CandleInterval.M1, start, "10.00", "10.50", "9.90", close, volume, trades, "c-" + start);
    }

    @Test
    void candlesArriveNewestFirstWithTheBoundsAsInstants() {
        actAs("bob", "TRADER");
        given(queryGateway.query(any(FindCandlesQuery.class), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(new CandlePage(List.of(
                        candle("2026-12-01T14:02:00Z", "10.20", "3.5", 4),
                        candle("2026-12-01T14:01:00Z", "10.00", "0", 0)), true)));

        graphQlTester.document(CANDLES).variable("from", "2026-12-01T13:00:00Z").variable("to", "2026-12-01T15:00:00+01:00").execute()
                .path("candles.edges[0].node.start").entity(String.class).isEqualTo("2026-12-01T14:02:00Z")
                .path("candles.edges[0].node.close").entity(String.class).isEqualTo("10.20")
                .path("candles.edges[0].node.volume").entity(String.class).isEqualTo("3.5")
                .path("candles.edges[0].node.trades").entity(Integer.class).isEqualTo(4)
                .path("candles.edges[1].node.trades").entity(Integer.class).isEqualTo(0)
                .path("candles.edges[1].cursor").entity(String.class).isEqualTo("c-2026-12-01T14:01:00Z")
                .path("candles.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        verify(queryGateway).query(eq(new FindCandlesQuery(Symbol.of("ACME"), CandleInterval.M1,
                Instant.parse("2026-12-01T13:00:00Z"), Instant.parse("2026-12-01T14:00:00Z"), 2, "c9")), any(ResponseType.class));
    }

    @Test
    void aDateTimeThatIsNotAnInstantIsABadRequestNotAnInternalError() {
        actAs("bob", "TRADER");

        graphQlTester.document(CANDLES).variable("from", "yesterday").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getErrorType()).isEqualTo(graphql.ErrorType.ValidationError);
                    assertThat(error.getExtensions()).containsEntry("code", "MALFORMED_REQUEST");
                }));
        graphQlTester.document("{ candles(symbol: \"ACME\", interval: M1, from: \"2026-13-01T00:00:00Z\") { edges { cursor } } }")
                .execute().errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error ->
                        assertThat(error.getErrorType()).isEqualTo(graphql.ErrorType.ValidationError)));
        verify(queryGateway, never()).query(any(FindCandlesQuery.class), any(ResponseType.class));
    }

    @Test
    void aCandlePageSizeBelowOneIsABadRequest() {
        actAs("bob", "TRADER");

        graphQlTester.document("{ candles(symbol: \"ACME\", interval: H1, first: 0) { edges { cursor } } }").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error ->
                        assertThat(error.getExtensions()).containsEntry("code", "MALFORMED_REQUEST")));
    }

    @Test
    void aCandleSymbolThatCouldNotBeListedIsABadRequest() {
        actAs("bob", "TRADER");

        graphQlTester.document("{ candles(symbol: \"acme\", interval: H1) { edges { cursor } } }").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error ->
                        assertThat(error.getExtensions()).containsEntry("code", "MALFORMED_REQUEST")));
        verify(queryGateway, never()).query(any(FindCandlesQuery.class), any(ResponseType.class));
    }

    @Test
    void instrumentsListTheirLastPriceAndChange() {
        actAs("bob", "TRADER");
        given(queryGateway.query(any(FindInstrumentsQuery.class), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(new InstrumentMarketList(List.of(
                        new InstrumentMarketView("ACME", "Acme Corp", "10.25", "2.50"),
                        new InstrumentMarketView("BETA", "Beta Inc", null, null)))));

        graphQlTester.document("{ instruments { symbol name lastPrice change24h } }").execute()
                .path("instruments[0]").entity(Map.class).isEqualTo(Map.of("symbol", "ACME", "name", "Acme Corp",
                        "lastPrice", "10.25", "change24h", "2.50"))
                .path("instruments[1].lastPrice").valueIsNull()
                .path("instruments[1].change24h").valueIsNull();
    }

    /** instruments is unpaged: it counts as a page of 20, so that many aliases of it are refused before anything is read. */
    @Test
    void manyAliasesOfTheInstrumentListAreRefusedBeforeAnythingIsAsked() {
        actAs("bob", "TRADER");
        StringBuilder aliases = new StringBuilder("{");
        for (int i = 0; i < 25; i++) {
            aliases.append(" i").append(i).append(": instruments { symbol name lastPrice change24h }");
        }

        graphQlTester.document(aliases.append(" }").toString()).execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error ->
                        assertThat(error.getExtensions()).containsEntry("code", "QUERY_TOO_COMPLEX")));
        verify(queryGateway, never()).query(any(FindInstrumentsQuery.class), any(ResponseType.class));
    }

    @Test
    void marketDataIsForAuthenticatedUsersOnly() {
        graphQlTester.document("{ instruments { symbol } }").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error ->
                        assertThat(error.getExtensions()).containsEntry("code", "UNAUTHENTICATED")));
        graphQlTester.document("{ candles(symbol: \"ACME\", interval: D1) { edges { cursor } } }").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error ->
                        assertThat(error.getExtensions()).containsEntry("code", "UNAUTHENTICATED")));
    }
}
