package io.tandem.query.portfolio;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.portfolio.AccountView;
import io.tandem.contracts.portfolio.CashView;
import io.tandem.contracts.portfolio.EquityDayView;
import io.tandem.contracts.portfolio.EquityHistory;
import io.tandem.contracts.portfolio.FindAccountQuery;
import io.tandem.contracts.portfolio.FindEquityHistoryQuery;
import io.tandem.contracts.portfolio.FindPortfolioQuery;
import io.tandem.contracts.portfolio.PortfolioPositionView;
import io.tandem.contracts.portfolio.PortfolioView;
import io.tandem.query.GraphQlTestSupport;
import io.tandem.query.api.GraphQlLimitsConfiguration;
import io.tandem.query.api.GraphQlScalars;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.graphql.GraphQlTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

@GraphQlTest(ValuationController.class)
@Import({GraphQlLimitsConfiguration.class, GraphQlScalars.class})
class ValuationControllerTest extends GraphQlTestSupport {

    private static final AccountView ALICE = new AccountView("acc-1", "alice", "TRADING", new CashView("10.00", "0.00"), List.of());
    private static final PortfolioView VALUATION = new PortfolioView("acc-1", "alice", "10.00", "24.00", "20.00", "1.00",
            "3.00", List.of(new PortfolioPositionView("ACME", "1", "11.00", "14.00", "14.00", "1.00", "3.00")));
    private static final String PORTFOLIO = "{ portfolio(accountId: \"acc-1\") { accountId cash equity netDeposits realizedPnl "
            + "unrealizedPnl positions { symbol quantity averagePrice lastPrice marketValue realizedPnl unrealizedPnl } } }";
    private static final String HISTORY = "{ equityHistory(accountId: \"acc-1\", from: \"2026-03-01\", to: \"2026-03-02\") "
            + "{ day equity netDeposits } }";

    @Autowired
    private GraphQlTester graphQlTester;

    @MockitoBean
    private QueryGateway queryGateway;

    private void accountIs(AccountView view) {
        given(queryGateway.query(eq(new FindAccountQuery(AccountId.of("acc-1"))), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(view));
        given(queryGateway.query(any(FindPortfolioQuery.class), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(VALUATION));
        given(queryGateway.query(any(FindEquityHistoryQuery.class), any(ResponseType.class)))
                .willReturn(CompletableFuture.completedFuture(new EquityHistory(List.of(
                        new EquityDayView("2026-03-01", "20.00", "20.00"), new EquityDayView("2026-03-02", "24.00", "20.00")))));
    }

    @Test
    void theOwnerReadsTheValuation() {
        actAs("alice", "TRADER");
        accountIs(ALICE);

        graphQlTester.document(PORTFOLIO).execute()
                .path("portfolio.accountId").entity(String.class).isEqualTo("acc-1")
                .path("portfolio.equity").entity(String.class).isEqualTo("24.00")
                .path("portfolio.positions[0].averagePrice").entity(String.class).isEqualTo("11.00")
                .path("portfolio.positions[0].unrealizedPnl").entity(String.class).isEqualTo("3.00");
    }

    @Test
    void anAdminReadsAnyValuation() {
        actAs("root", "ADMIN");
        accountIs(ALICE);

        graphQlTester.document(PORTFOLIO).execute().path("portfolio.netDeposits").entity(String.class).isEqualTo("20.00");
    }

    @Test
    void someoneElsesValuationIsNullLikeAnUnknownOneAndNeverQueried() {
        actAs("mallory", "TRADER");
        accountIs(ALICE);

        graphQlTester.document(PORTFOLIO).execute().errors().verify().path("portfolio").valueIsNull();
        accountIs(null);
        graphQlTester.document(PORTFOLIO).execute().errors().verify().path("portfolio").valueIsNull();
        verify(queryGateway, never()).query(any(FindPortfolioQuery.class), any(ResponseType.class));
    }

    @Test
    void theOwnerReadsTheSeriesWithTheDatesPassedThrough() {
        actAs("alice", "TRADER");
        accountIs(ALICE);

        graphQlTester.document(HISTORY).execute()
                .path("equityHistory[1].day").entity(String.class).isEqualTo("2026-03-02")
                .path("equityHistory[1].equity").entity(String.class).isEqualTo("24.00")
                .path("equityHistory[0].netDeposits").entity(String.class).isEqualTo("20.00");
        verify(queryGateway).query(eq(new FindEquityHistoryQuery(AccountId.of("acc-1"), LocalDate.parse("2026-03-01"),
                LocalDate.parse("2026-03-02"))), any(ResponseType.class));
    }

    @Test
    void someoneElsesSeriesIsEmptyAndNeverQueried() {
        actAs("mallory", "TRADER");
        accountIs(ALICE);

        graphQlTester.document(HISTORY).execute().errors().verify().path("equityHistory").entityList(Object.class).hasSize(0);
        verify(queryGateway, never()).query(any(FindEquityHistoryQuery.class), any(ResponseType.class));
    }

    @Test
    void anAnonymousCallerIsRefused() {
        accountIs(ALICE);

        graphQlTester.document(PORTFOLIO).execute().errors().satisfy(errors -> assertThat(errors).singleElement()
                .satisfies(error -> assertThat(error.getExtensions()).containsEntry("code", "UNAUTHENTICATED")));
        verify(queryGateway, never()).query(any(FindAccountQuery.class), any(ResponseType.class));
    }
}
