package io.tandem.query.portfolio;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.portfolio.EquityDayView;
import io.tandem.contracts.portfolio.EquityHistory;
import io.tandem.contracts.portfolio.FindEquityHistoryQuery;
import io.tandem.contracts.portfolio.FindPortfolioQuery;
import io.tandem.contracts.portfolio.PortfolioView;
import io.tandem.query.api.Identifiers;
import io.tandem.query.security.AccountAccess;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * GraphQL fields over the performance read models of one account: its valuation at last prices and
 * its daily equity series. Readable exactly as the account is ({@link AccountAccess}): by its owner
 * or an admin; to anyone else the account looks unknown (null, an empty series), and the valuation
 * is asked for only after the check.
 */
@Controller
public class ValuationController {

    private final QueryGateway queryGateway;

    public ValuationController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    /** The account's valuation, or null when it is unknown or someone else's. */
    @QueryMapping
    public CompletableFuture<PortfolioView> portfolio(@Argument String accountId, Authentication authentication) {
        Authentication caller = AccountAccess.requireAuthenticated(authentication);
        AccountId id = Identifiers.accountId(accountId);
        return AccountAccess.readable(queryGateway, id, caller)
                .thenCompose(account -> account.isEmpty() ? CompletableFuture.completedFuture(null)
                        : queryGateway.query(new FindPortfolioQuery(id), ResponseTypes.instanceOf(PortfolioView.class)));
    }

    /** The account's daily equity, oldest first; empty when the account is unknown or someone else's. */
    @QueryMapping
    public CompletableFuture<List<EquityDayView>> equityHistory(@Argument String accountId, @Argument LocalDate from,
                                                               @Argument LocalDate to, Authentication authentication) {
        Authentication caller = AccountAccess.requireAuthenticated(authentication);
        AccountId id = Identifiers.accountId(accountId);
        return AccountAccess.readable(queryGateway, id, caller)
                .thenCompose(account -> account.isEmpty() ? CompletableFuture.completedFuture(List.<EquityDayView>of())
                        : queryGateway.query(new FindEquityHistoryQuery(id, from, to), ResponseTypes.instanceOf(EquityHistory.class))
                                .thenApply(history -> history == null ? List.<EquityDayView>of() : history.days()));
    }

    /** The day as the Date scalar carries it. */
    @SchemaMapping(typeName = "EquityDay", field = "day")
    public LocalDate day(EquityDayView day) {
        return LocalDate.parse(day.day());
    }
}
