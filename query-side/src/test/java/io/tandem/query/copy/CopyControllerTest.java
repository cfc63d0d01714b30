package io.tandem.query.copy;

import io.tandem.contracts.copy.CopierPage;
import io.tandem.contracts.copy.CopierView;
import io.tandem.contracts.copy.CopyExplanationView;
import io.tandem.contracts.copy.CopyList;
import io.tandem.contracts.copy.CopyOrderPage;
import io.tandem.contracts.copy.CopyOrderView;
import io.tandem.contracts.copy.CopyPositionView;
import io.tandem.contracts.copy.CopyView;
import io.tandem.contracts.copy.FindCopiersQuery;
import io.tandem.contracts.copy.FindCopiesQuery;
import io.tandem.contracts.copy.FindCopyOrdersQuery;
import io.tandem.contracts.copy.FindCopyQuery;
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

@GraphQlTest(CopyController.class)
@Import(GraphQlLimitsConfiguration.class)
class CopyControllerTest extends GraphQlTestSupport {

    private static final CopyView COPY = new CopyView("copy-1", "alice", "acc-1", "copyacct-1", "lee", "ACTIVE",
            "FIXED_AMOUNT", "50.00", "20", "400.00", "500.00", "507.82", "7.82", "1.56", null, "2025-01-01T10:00:00Z", null,
            List.of(new CopyPositionView("ACME", "1.8333", "10.24", "13.00", "23.83", "5.06")));
    private static final String COPY_FIELDS = "id leader { handle } status sizing amountPerTrade stopLossPercent stopLossEquity "
            + "invested equity pnl pnlPercent copyAccountId fromAccountId stopReason startedAt closedAt "
            + "positions { symbol quantity averagePrice lastPrice marketValue unrealizedPnl }";

    @Autowired
    private GraphQlTester graphQlTester;

    @MockitoBean
    private QueryGateway queryGateway;

    private void answers(Class<?> query, Object answer) {
        given(queryGateway.query(any(query), any(ResponseType.class))).willReturn(CompletableFuture.completedFuture(answer));
    }

    @Test
    void aCopyArrivesWithItsLeaderPositionsAndNumbersAsStrings() {
        actAs("alice", "TRADER");
        answers(FindCopyQuery.class, COPY);

        graphQlTester.document("{ copy(id: \"copy-1\") { " + COPY_FIELDS + " } }").execute()
                .path("copy.leader.handle").entity(String.class).isEqualTo("lee")
                .path("copy.invested").entity(String.class).isEqualTo("500.00")
                .path("copy.equity").entity(String.class).isEqualTo("507.82")
                .path("copy.sizing").entity(String.class).isEqualTo("FIXED_AMOUNT")
                .path("copy.positions[0].averagePrice").entity(String.class).isEqualTo("10.24")
                .path("copy.closedAt").valueIsNull();
        verify(queryGateway).query(eq(new FindCopyQuery("copy-1", "alice", false)), any(ResponseType.class));
    }

    @Test
    void aCopyTheProjectionDoesNotShowIsNullWithoutError() {
        actAs("mallory", "TRADER");
        answers(FindCopyQuery.class, null);

        graphQlTester.document("{ copy(id: \"copy-1\") { id } }").execute().errors().verify().path("copy").valueIsNull();
    }

    @Test
    void copiesOfAnAccountAskWithTheCallerAndTheAdminFlag() {
        actAs("root", "ADMIN");
        answers(FindCopiesQuery.class, new CopyList(List.of(COPY)));

        graphQlTester.document("{ copies(accountId: \"acc-1\") { id status } }").execute()
                .path("copies[0].id").entity(String.class).isEqualTo("copy-1");
        verify(queryGateway).query(eq(new FindCopiesQuery("acc-1", "root", true)), any(ResponseType.class));
    }

    @Test
    void aCopysOrdersArePagedWithTheirExplanation() {
        actAs("alice", "TRADER");
        answers(FindCopyQuery.class, COPY);
        answers(FindCopyOrdersQuery.class, new CopyOrderPage(List.of(new CopyOrderView("o-1", "MIRROR", "ACME-7", "ACME", "BUY",
                "2.5", "FILLED", "2.5", false, null, null,
                new CopyExplanationView("10000.00", "500.00", "0.05", "2.5", "2.5", "NONE"), "2025-01-01T10:00:01Z", "c1")),
                "c1", true));

        graphQlTester.document("{ copy(id: \"copy-1\") { orders(first: 80, after: \"c0\") { edges { cursor node { orderId kind "
                        + "leaderTradeId side quantity status filledQuantity skipped skipReason skipDetail createdAt "
                        + "explanation { leaderEquity copyEquity ratio rawQuantity finalQuantity cutBy } } } "
                        + "pageInfo { hasNextPage endCursor } } } }").execute()
                .path("copy.orders.edges[0].cursor").entity(String.class).isEqualTo("c1")
                .path("copy.orders.edges[0].node.kind").entity(String.class).isEqualTo("MIRROR")
                .path("copy.orders.edges[0].node.explanation.cutBy").entity(String.class).isEqualTo("NONE")
                .path("copy.orders.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        verify(queryGateway).query(eq(new FindCopyOrdersQuery("copy-1", 80, "c0")), any(ResponseType.class));
    }

    @Test
    void anOrdersPageAboveAHundredIsCapped() {
        actAs("alice", "TRADER");
        answers(FindCopyQuery.class, COPY);
        answers(FindCopyOrdersQuery.class, new CopyOrderPage(List.of(), null, false));

        graphQlTester.document("{ copy(id: \"copy-1\") { orders(first: 500) { edges { cursor } } } }").execute().errors().verify();
        verify(queryGateway).query(eq(new FindCopyOrdersQuery("copy-1", 100, null)), any(ResponseType.class));
    }

    @Test
    void copiersCarryTheirCountAndTheEdgesTheProjectionAllows() {
        actAs("lee", "TRADER");
        answers(FindCopiersQuery.class, new CopierPage(2, List.of(new CopierView("copy-1", "bob", "bobby", "ACTIVE",
                "2025-01-01T10:00:00Z", "k1")), "k1", true));

        graphQlTester.document("{ copiers(handle: \"lee\", first: 1) { count edges { cursor node { copyId handle status since } } "
                        + "pageInfo { hasNextPage endCursor } } }").execute()
                .path("copiers.count").entity(Integer.class).isEqualTo(2)
                .path("copiers.edges[0].node.handle").entity(String.class).isEqualTo("bobby")
                .path("copiers.pageInfo.endCursor").entity(String.class).isEqualTo("k1");
        verify(queryGateway).query(eq(new FindCopiersQuery("lee", "lee", false, 1, null)), any(ResponseType.class));
    }

    @Test
    void aStrangerSeesTheCountWithoutEdges() {
        actAs("mallory", "TRADER");
        answers(FindCopiersQuery.class, new CopierPage(2, List.of(), null, false));

        graphQlTester.document("{ copiers(handle: \"lee\") { count edges { cursor } } }").execute()
                .path("copiers.count").entity(Integer.class).isEqualTo(2)
                .path("copiers.edges").entityList(Object.class).hasSize(0);
    }

    @Test
    void withoutACallerNothingIsAsked() {
        graphQlTester.document("{ copies(accountId: \"acc-1\") { id } }").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "UNAUTHENTICATED")));
    }

    @Test
    void aPageSizeBelowOneIsABadRequest() {
        actAs("lee", "TRADER");

        graphQlTester.document("{ copiers(handle: \"lee\", first: 0) { count } }").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
                    assertThat(error.getExtensions()).containsEntry("code", "MALFORMED_REQUEST");
                }));
    }

    /** copies is unpaged: it counts as a page of 20 copies, so big pages of every copy's orders under it are refused. */
    @Test
    void fullPagesOfOrdersUnderEveryCopyAreRefusedBeforeAnythingIsAsked() {
        actAs("alice", "TRADER");

        graphQlTester.document("{ copies(accountId: \"acc-1\") { id orders(first: 100) { edges { node { orderId kind status } } } } }")
                .execute().errors().satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "QUERY_TOO_COMPLEX")));
        verify(queryGateway, org.mockito.Mockito.never()).query(any(FindCopiesQuery.class), any(ResponseType.class));
    }

    @Test
    void aListOfCopiesWithTheirPositionsPasses() {
        actAs("alice", "TRADER");
        answers(FindCopiesQuery.class, new CopyList(List.of(COPY)));
        answers(FindCopyOrdersQuery.class, new CopyOrderPage(List.of(), null, false));

        graphQlTester.document("{ copies(accountId: \"acc-1\") { " + COPY_FIELDS + " orders(first: 3) { edges { node { kind } } } } }")
                .execute().errors().verify().path("copies").entityList(Object.class).hasSize(1);
    }
}
