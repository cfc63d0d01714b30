package io.tandem.query.marketdata;

import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.marketdata.*;
import io.tandem.query.GraphQlTestSupport;
import io.tandem.query.api.GraphQlLimitsConfiguration;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.graphql.GraphQlTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;

@GraphQlTest(MarketDataController.class)
@Import(GraphQlLimitsConfiguration.class)
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
}
