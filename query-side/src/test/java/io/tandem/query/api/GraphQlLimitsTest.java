package io.tandem.query.api;

import graphql.introspection.IntrospectionQuery;
import io.tandem.contracts.marketdata.FindOrderBookQuery;
import io.tandem.contracts.marketdata.FindTradesQuery;
import io.tandem.contracts.marketdata.TradePage;
import io.tandem.query.GraphQlTestSupport;
import io.tandem.query.marketdata.MarketDataController;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.graphql.GraphQlTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

@GraphQlTest(MarketDataController.class)
@Import(GraphQlLimitsConfiguration.class)
class GraphQlLimitsTest extends GraphQlTestSupport {

    @Autowired
    private GraphQlTester graphQlTester;

    @MockitoBean
    private QueryGateway queryGateway;

    private static String nested(int levels) {
        return "ofType { ".repeat(levels) + "name" + " }".repeat(levels);
    }

    @Test
    void anOperationNestedDeeperThanTenLevelsIsRefused() {
        actAs("bob", "TRADER");

        String query = "{ orderBook(symbol: \"ACME\") { symbol } __schema { types { fields { type { " + nested(7) + " } } } } }";

        graphQlTester.document(query).execute().errors()
                .satisfy(errors -> assertThat(errors).anySatisfy(error -> assertThat(error.getMessage()).contains("depth")))
                .path("orderBook").pathDoesNotExist();
    }

    @Test
    void anOperationSelectingMoreThanTwoHundredFieldsIsRefused() {
        actAs("bob", "TRADER");
        String aliases = IntStream.range(0, 50)
                .mapToObj(i -> "b" + i + ": orderBook(symbol: \"ACME\") { symbol lastPrice bids { price } }")
                .collect(Collectors.joining(" "));

        graphQlTester.document("{ " + aliases + " }").execute().errors()
                .satisfy(errors -> assertThat(errors).anySatisfy(error -> assertThat(error.getMessage()).contains("complexity")));
    }

    @Test
    void candlePagesAreCountedByTheirSizeLikeEveryOtherPage() {
        actAs("bob", "TRADER");
        String page = "candles(symbol: \"ACME\", interval: M1, first: 100) { edges { cursor node { start open high low close volume trades } } }";

        graphQlTester.document("{ a: " + page + " b: " + page + " }").execute().errors()
                .satisfy(errors -> assertThat(errors).singleElement().satisfies(error ->
                        assertThat(error.getExtensions()).containsEntry("code", "QUERY_TOO_COMPLEX")));
        verify(queryGateway, never()).query(any(), any(ResponseType.class));
    }

    @Test
    void thirtyNineAliasesOfAFullTradesPageAreRefusedForWhatTheyWouldRead() {
        actAs("bob", "TRADER");
        String aliases = IntStream.range(0, 39)
                .mapToObj(i -> "t" + i + ": trades(symbol: \"ACME\", first: 100) { edges { node { tradeId } } }")
                .collect(Collectors.joining(" "));

        graphQlTester.document("{ " + aliases + " }").execute().errors()
                .satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getMessage()).contains("complexity").contains("11739 values").contains("2000");
                    assertThat(error.getExtensions()).containsEntry("code", "QUERY_TOO_COMPLEX");
                }))
                .path("t0").pathDoesNotExist();
        verify(queryGateway, never()).query(any(FindTradesQuery.class), any(ResponseType.class));
    }

    @Test
    void pageSizesFromVariablesCountAsWrittenOnesDo() {
        actAs("bob", "TRADER");
        String aliases = IntStream.range(0, 10)
                .mapToObj(i -> "t" + i + ": trades(symbol: \"ACME\", first: $first) { edges { node { tradeId price quantity } } }")
                .collect(Collectors.joining(" "));

        graphQlTester.document("query($first: Int) { " + aliases + " }").variable("first", 100).execute().errors()
                .satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "QUERY_TOO_COMPLEX")));
    }

    @Test
    void aFullPageOfTradesAndADeepOrderBookPass() {
        actAs("bob", "TRADER");
        given(queryGateway.query(any(FindTradesQuery.class), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(new TradePage(List.of(), null, false)));
        given(queryGateway.query(any(FindOrderBookQuery.class), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(null));

        graphQlTester.document("{ trades(symbol: \"ACME\", first: 100) { edges { cursor node { tradeId symbol price quantity "
                        + "aggressorSide executedAt } } pageInfo { hasNextPage endCursor } } "
                        + "orderBook(symbol: \"ACME\", depth: 100) { bids { price quantity orders } asks { price quantity orders } } }")
                .execute().errors().verify().path("trades.edges").entityList(Object.class).hasSize(0);
    }

    @Test
    void aFieldCountRefusalCarriesTheCodeToo() {
        actAs("bob", "TRADER");
        String aliases = IntStream.range(0, 50)
                .mapToObj(i -> "b" + i + ": orderBook(symbol: \"ACME\", depth: 1) { symbol lastPrice bids { price } }")
                .collect(Collectors.joining(" "));

        graphQlTester.document("{ " + aliases + " }").execute().errors()
                .satisfy(errors -> assertThat(errors).anySatisfy(error ->
                        assertThat(error.getExtensions()).containsEntry("code", "QUERY_TOO_COMPLEX")));
    }

    @Test
    void anOrdinaryQueryPassesBothLimits() {
        actAs("bob", "TRADER");
        given(queryGateway.query(any(FindOrderBookQuery.class), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(null));

        graphQlTester.document("{ orderBook(symbol: \"ACME\") { symbol bids { price quantity orders } asks { price quantity orders } lastPrice } }")
                .execute().errors().verify();
    }

    @Test
    void aDocumentOfThousandsOfRepeatedFieldsIsRefusedByTheParserBeforeValidationComparesThem() {
        actAs("bob", "TRADER");

        graphQlTester.document("{ " + "__typename ".repeat(5000) + "}").execute().errors()
                .satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getErrorType()).hasToString("InvalidSyntax");
                    assertThat(error.getMessage()).contains("2,000 'grammar' tokens");
                }));
        graphQlTester.document("{ " + "__typename ".repeat(1500) + "}").execute().errors().verify();
    }

    @Test
    void graphiqlsIntrospectionQueryIsAllowed() throws IOException {
        String graphiql = new ClassPathResource("graphiql-introspection.graphql").getContentAsString(StandardCharsets.UTF_8);

        graphQlTester.document(graphiql).execute().errors().verify().path("__schema.queryType.name").entity(String.class).isEqualTo("Query");
        graphQlTester.document(IntrospectionQuery.INTROSPECTION_QUERY).execute().errors().verify();
    }

    @Test
    void introspectionHasALimitToo() {
        String query = "{ __schema { types { fields { type { " + nested(20) + " } } } } }";

        graphQlTester.document(query).execute().errors()
                .satisfy(errors -> assertThat(errors).anySatisfy(error -> assertThat(error.getMessage()).contains("depth")));
    }
}
