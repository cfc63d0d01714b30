package io.tandem.query.portfolio;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.orderbook.OrderStatus;
import io.tandem.contracts.portfolio.*;
import io.tandem.query.GraphQlTestSupport;
import io.tandem.query.api.GraphQlLimitsConfiguration;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.graphql.GraphQlTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.support.DefaultExecutionGraphQlRequest;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

@GraphQlTest(PortfolioController.class)
@Import(GraphQlLimitsConfiguration.class)
class PortfolioControllerTest extends GraphQlTestSupport {

    private static final AccountView ALICE = new AccountView("acc-1", "alice", "TRADING",
            new CashView("100.00", "50.10"), List.of(new PositionView("ACME", "2", "0.5")));
    private static final String ACCOUNT = "{ account(id: \"acc-1\") { id owner type cash { available reserved } positions { symbol quantity reserved } } }";
    private static final String ORDERS = "{ orders(accountId: \"acc-1\", status: [NEW], first: 1, after: \"c0\") "
            + "{ edges { cursor node { orderId symbol side type timeInForce price quantity filledQuantity status cancelReason placedAt } } "
            + "pageInfo { hasNextPage endCursor } } }";

    @Autowired
    private GraphQlTester graphQlTester;

    @MockitoBean
    private QueryGateway queryGateway;

    @Autowired
    private ExecutionGraphQlService graphQlService;

    private void accountIs(String id, AccountView view) {
        given(queryGateway.query(eq(new FindAccountQuery(AccountId.of(id))), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(view));
    }

    private void ordersAre(OrderPage page) {
        given(queryGateway.query(any(FindOrdersQuery.class), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(page));
    }

    @Test
    void anOwnerReadsTheirAccountWithDecimalsAsStrings() {
        actAs("alice", "TRADER");
        accountIs("acc-1", ALICE);

        graphQlTester.document(ACCOUNT).execute()
                .path("account.id").entity(String.class).isEqualTo("acc-1")
                .path("account.type").entity(String.class).isEqualTo("TRADING")
                .path("account.cash.available").entity(String.class).isEqualTo("100.00")
                .path("account.positions[0].reserved").entity(String.class).isEqualTo("0.5");
    }

    private Map<String, Object> answer(String document) {
        return graphQlService.execute(new DefaultExecutionGraphQlRequest(document, null, null, null, "1", null)).block().toMap();
    }

    @Test
    void someoneElsesAccountIsNullExactlyLikeAnUnknownOne() {
        actAs("mallory", "TRADER");
        accountIs("acc-1", ALICE);
        Map<String, Object> foreign = answer(ACCOUNT);
        accountIs("acc-1", null);

        assertThat(foreign).isEqualTo(answer(ACCOUNT)).doesNotContainKey("errors");
        graphQlTester.document(ACCOUNT).execute().errors().verify().path("account").valueIsNull();
    }

    @Test
    void anAdminReadsAnyAccount() {
        actAs("root", "ADMIN");
        accountIs("acc-1", ALICE);

        graphQlTester.document(ACCOUNT).execute().path("account.owner").entity(String.class).isEqualTo("alice");
    }

    @Test
    void anUnknownAccountIsNullWithoutError() {
        actAs("alice", "TRADER");
        accountIs("acc-1", null);

        graphQlTester.document(ACCOUNT).execute().errors().verify().path("account").valueIsNull();
    }

    @Test
    void ordersArriveAsARelayConnectionAndTheArgumentsReachTheQuery() {
        actAs("alice", "TRADER");
        accountIs("acc-1", ALICE);
        ordersAre(new OrderPage(List.of(new OrderView("o-1", "acc-1", "ACME", "BUY", "LIMIT", "GTC", "10.00", "5", "0",
                "NEW", null, "2025-01-01T10:00:00Z", "c1")), "c1", true));

        graphQlTester.document(ORDERS).execute()
                .path("orders.edges[0].cursor").entity(String.class).isEqualTo("c1")
                .path("orders.edges[0].node.price").entity(String.class).isEqualTo("10.00")
                .path("orders.edges[0].node.status").entity(String.class).isEqualTo("NEW")
                .path("orders.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true)
                .path("orders.pageInfo.endCursor").entity(String.class).isEqualTo("c1");
        verify(queryGateway).query(eq(new FindOrdersQuery(AccountId.of("acc-1"), List.of(OrderStatus.NEW), 1, "c0")),
                any(ResponseType.class));
    }

    @Test
    void ordersOfAnUnknownAccountAreAnEmptyPage() {
        actAs("root", "ADMIN");
        accountIs("acc-1", null);

        graphQlTester.document(ORDERS).execute().errors().verify()
                .path("orders.edges").entityList(Object.class).hasSize(0)
                .path("orders.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
        verify(queryGateway, never()).query(any(FindOrdersQuery.class), any(ResponseType.class));
    }

    @Test
    void ordersOfSomeoneElsesAccountAreTheSameEmptyPageAsAnUnknownOnesAndNeverQueried() {
        actAs("mallory", "TRADER");
        accountIs("acc-1", ALICE);
        Map<String, Object> foreign = answer(ORDERS);
        accountIs("acc-1", null);

        assertThat(foreign).isEqualTo(answer(ORDERS)).doesNotContainKey("errors");
        verify(queryGateway, never()).query(any(FindOrdersQuery.class), any(ResponseType.class));
    }

    @Test
    void aPageSizeBelowOneIsABadRequest() {
        actAs("alice", "TRADER");

        graphQlTester.document("{ orders(accountId: \"acc-1\", first: 0) { pageInfo { hasNextPage } } }").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
                    assertThat(error.getExtensions()).containsEntry("code", "MALFORMED_REQUEST");
                }));
    }

    @Test
    void aPageSizeAboveAHundredIsCapped() {
        actAs("alice", "TRADER");
        accountIs("acc-1", ALICE);
        ordersAre(new OrderPage(List.of(), null, false));

        graphQlTester.document("{ orders(accountId: \"acc-1\", first: 5000) { pageInfo { hasNextPage } } }").execute()
                .errors().verify();
        verify(queryGateway).query(eq(new FindOrdersQuery(AccountId.of("acc-1"), null, 100, null)), any(ResponseType.class));
    }

    @Test
    void aRefusalFromTheProjectionKeepsItsCodeAndLeaksNoInternals() {
        actAs("alice", "TRADER");
        accountIs("acc-1", ALICE);
        given(queryGateway.query(any(FindOrdersQuery.class), any(ResponseType.class)))
                .willReturn(CompletableFuture.failedFuture(new TandemException(ErrorCode.MALFORMED_REQUEST, "'x' is not a valid cursor")));

        graphQlTester.document(ORDERS).execute().errors().satisfy(errors -> assertThat(errors).singleElement()
                .satisfies(error -> {
                    assertThat(error.getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
                    assertThat(error.getMessage()).isEqualTo("'x' is not a valid cursor");
                    assertThat(error.getExtensions()).containsEntry("code", "MALFORMED_REQUEST");
                    assertThat(error.getExtensions().keySet()).isSubsetOf("code", "classification");
                }));
    }

    @Test
    @SuppressWarnings("unchecked")
    void onTheWireARefusalCarriesOnlyItsMessageCodeAndClassification() {
        actAs("alice", "TRADER");

        Map<String, Object> response = answer("{ orders(accountId: \"acc-1\", first: 0) { pageInfo { hasNextPage } } }");

        Map<String, Object> error = ((List<Map<String, Object>>) response.get("errors")).get(0);
        assertThat(error).containsOnlyKeys("message", "locations", "path", "extensions");
        assertThat(error.get("extensions")).isEqualTo(Map.of("code", "MALFORMED_REQUEST", "classification", "BAD_REQUEST"));
    }

    @Test
    void anUnexpectedFailureIsAnInternalErrorWithoutItsMessage() {
        actAs("alice", "TRADER");
        given(queryGateway.query(any(FindAccountQuery.class), any(ResponseType.class)))
                .willReturn(CompletableFuture.failedFuture(new IllegalStateException("mongo at 10.0.0.7 refused")));

        graphQlTester.document(ACCOUNT).execute().errors().satisfy(errors -> assertThat(errors).singleElement()
                .satisfies(error -> {
                    assertThat(error.getErrorType()).isEqualTo(ErrorType.INTERNAL_ERROR);
                    assertThat(error.getMessage()).doesNotContain("mongo");
                }));
    }

    @Test
    void withoutACallerNothingIsRead() {
        graphQlTester.document(ACCOUNT).execute().errors().satisfy(errors -> assertThat(errors).singleElement()
                .satisfies(error -> {
                    assertThat(error.getErrorType()).isEqualTo(ErrorType.UNAUTHORIZED);
                    assertThat(error.getExtensions()).containsEntry("code", "UNAUTHENTICATED");
                }));
        verify(queryGateway, never()).query(any(FindAccountQuery.class), any(ResponseType.class));
    }
}
