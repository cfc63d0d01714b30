package io.tandem.query.payment;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.payment.FindPaymentQuery;
import io.tandem.contracts.payment.FindPaymentsQuery;
import io.tandem.contracts.payment.PaymentId;
import io.tandem.contracts.payment.PaymentPage;
import io.tandem.contracts.payment.PaymentView;
import io.tandem.contracts.portfolio.AccountView;
import io.tandem.contracts.portfolio.CashView;
import io.tandem.contracts.portfolio.FindAccountQuery;
import io.tandem.query.GraphQlTestSupport;
import io.tandem.query.api.GraphQlLimitsConfiguration;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.graphql.GraphQlTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.support.DefaultExecutionGraphQlRequest;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

@GraphQlTest(PaymentController.class)
@Import(GraphQlLimitsConfiguration.class)
class PaymentControllerTest extends GraphQlTestSupport {

    private static final AccountView ALICE = new AccountView("acc-1", "alice", "TRADING",
            new CashView("100.00", "40.00"), List.of());
    private static final PaymentView FAILED_WITHDRAWAL = new PaymentView("pay-2", "acc-1", "WITHDRAWAL", "40.00", "FAILED",
            "DECLINED_BY_BANK", "simulator", "2025-01-01T10:00:00Z", "2025-01-01T10:00:05Z", "c2");
    private static final PaymentView CONFIRMED_DEPOSIT = new PaymentView("pay-1", "acc-1", "DEPOSIT", "140.00", "CONFIRMED",
            null, "simulator", "2025-01-01T09:00:00Z", "2025-01-01T09:00:02Z", "c1");
    private static final String PAYMENTS = "{ payments(accountId: \"acc-1\", first: 2, after: \"c0\") "
            + "{ edges { cursor node { paymentId accountId direction amount status reason provider requestedAt updatedAt } } "
            + "pageInfo { hasNextPage endCursor } } }";
    private static final String PAYMENT = "{ payment(id: \"pay-2\") { paymentId status reason } }";

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

    private void paymentsAre(PaymentPage page) {
        given(queryGateway.query(any(FindPaymentsQuery.class), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(page));
    }

    private void paymentIs(String id, PaymentView view) {
        given(queryGateway.query(eq(new FindPaymentQuery(PaymentId.of(id))), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(view));
    }

    @Test
    void anOwnerReadsTheirPaymentsAsARelayConnectionWithStatusesAndReasons() {
        actAs("alice", "TRADER");
        accountIs("acc-1", ALICE);
        paymentsAre(new PaymentPage(List.of(FAILED_WITHDRAWAL, CONFIRMED_DEPOSIT), "c1", true));

        graphQlTester.document(PAYMENTS).execute()
                .path("payments.edges[0].cursor").entity(String.class).isEqualTo("c2")
                .path("payments.edges[0].node.direction").entity(String.class).isEqualTo("WITHDRAWAL")
                .path("payments.edges[0].node.amount").entity(String.class).isEqualTo("40.00")
                .path("payments.edges[0].node.status").entity(String.class).isEqualTo("FAILED")
                .path("payments.edges[0].node.reason").entity(String.class).isEqualTo("DECLINED_BY_BANK")
                .path("payments.edges[0].node.provider").entity(String.class).isEqualTo("simulator")
                .path("payments.edges[0].node.updatedAt").entity(String.class).isEqualTo("2025-01-01T10:00:05Z")
                .path("payments.edges[1].node.paymentId").entity(String.class).isEqualTo("pay-1")
                .path("payments.edges[1].node.reason").valueIsNull()
                .path("payments.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true)
                .path("payments.pageInfo.endCursor").entity(String.class).isEqualTo("c1");
    }

    @Test
    void thePageArgumentsReachTheQuery() {
        actAs("alice", "TRADER");
        accountIs("acc-1", ALICE);
        paymentsAre(new PaymentPage(List.of(), null, false));

        graphQlTester.document(PAYMENTS).execute().errors().verify();

        verify(queryGateway).query(eq(new FindPaymentsQuery(AccountId.of("acc-1"), 2, "c0")), any(ResponseType.class));
    }

    @Test
    void pageSizeDefaultsToTwentyAndIsCappedAtAHundred() {
        actAs("alice", "TRADER");
        accountIs("acc-1", ALICE);
        paymentsAre(new PaymentPage(List.of(), null, false));

        graphQlTester.document("{ payments(accountId: \"acc-1\") { pageInfo { hasNextPage } } }").execute().errors().verify();
        graphQlTester.document("{ payments(accountId: \"acc-1\", first: 5000) { pageInfo { hasNextPage } } }").execute().errors().verify();

        verify(queryGateway).query(eq(new FindPaymentsQuery(AccountId.of("acc-1"), 20, null)), any(ResponseType.class));
        verify(queryGateway).query(eq(new FindPaymentsQuery(AccountId.of("acc-1"), 100, null)), any(ResponseType.class));
    }

    @Test
    void anAdminReadsAnyAccountsPayments() {
        actAs("root", "ADMIN");
        accountIs("acc-1", ALICE);
        paymentsAre(new PaymentPage(List.of(CONFIRMED_DEPOSIT), "c1", false));

        graphQlTester.document(PAYMENTS).execute().path("payments.edges[0].node.paymentId").entity(String.class).isEqualTo("pay-1");
    }

    @Test
    void paymentsOfSomeoneElsesAccountAreTheSameEmptyPageAsAnUnknownOnesAndNeverQueried() {
        actAs("mallory", "TRADER");
        accountIs("acc-1", ALICE);
        Map<String, Object> foreign = answer(PAYMENTS);
        accountIs("acc-1", null);

        assertThat(foreign).isEqualTo(answer(PAYMENTS)).doesNotContainKey("errors");
        verify(queryGateway, never()).query(any(FindPaymentsQuery.class), any(ResponseType.class));
    }

    @Test
    void paymentsOfAnUnknownAccountAreAnEmptyPage() {
        actAs("root", "ADMIN");
        accountIs("acc-1", null);

        graphQlTester.document(PAYMENTS).execute().errors().verify()
                .path("payments.edges").entityList(Object.class).hasSize(0)
                .path("payments.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
    }

    @Test
    void withoutACallerNoPaymentIsRead() {
        graphQlTester.document(PAYMENTS).execute().errors().satisfy(errors -> assertThat(errors).singleElement()
                .satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "UNAUTHENTICATED")));
        verify(queryGateway, never()).query(any(FindAccountQuery.class), any(ResponseType.class));
        verify(queryGateway, never()).query(any(FindPaymentsQuery.class), any(ResponseType.class));
    }

    @Test
    void anOwnerReadsOnePaymentWithItsReason() {
        actAs("alice", "TRADER");
        paymentIs("pay-2", FAILED_WITHDRAWAL);
        accountIs("acc-1", ALICE);

        graphQlTester.document(PAYMENT).execute()
                .path("payment.status").entity(String.class).isEqualTo("FAILED")
                .path("payment.reason").entity(String.class).isEqualTo("DECLINED_BY_BANK");
    }

    @Test
    void anUnknownPaymentIsNullWithoutError() {
        actAs("alice", "TRADER");
        paymentIs("pay-2", null);

        graphQlTester.document(PAYMENT).execute().errors().verify().path("payment").valueIsNull();
    }

    @Test
    void someoneElsesPaymentIsNullExactlyLikeAnUnknownOne() {
        actAs("mallory", "TRADER");
        paymentIs("pay-2", FAILED_WITHDRAWAL);
        accountIs("acc-1", ALICE);
        Map<String, Object> foreign = answer(PAYMENT);
        paymentIs("pay-2", null);

        assertThat(foreign).isEqualTo(answer(PAYMENT)).doesNotContainKey("errors");
        assertThat(foreign.get("data")).isEqualTo(Collections.singletonMap("payment", null));
    }

    @Test
    void anAdminReadsAnyonesPayment() {
        actAs("root", "ADMIN");
        paymentIs("pay-2", FAILED_WITHDRAWAL);
        accountIs("acc-1", ALICE);

        graphQlTester.document(PAYMENT).execute().path("payment.paymentId").entity(String.class).isEqualTo("pay-2");
    }

    private Map<String, Object> answer(String document) {
        return graphQlService.execute(new DefaultExecutionGraphQlRequest(document, null, null, null, "1", null)).block().toMap();
    }
}
