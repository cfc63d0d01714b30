package io.tandem.query.portfolio;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.orderbook.OrderStatus;
import io.tandem.contracts.portfolio.AccountView;
import io.tandem.contracts.portfolio.FindAccountQuery;
import io.tandem.contracts.portfolio.FindOrdersQuery;
import io.tandem.contracts.portfolio.OrderPage;
import io.tandem.contracts.portfolio.OrderView;
import io.tandem.query.api.Connection;
import io.tandem.query.api.Identifiers;
import io.tandem.query.api.PageArguments;
import io.tandem.query.security.AccountAccess;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * GraphQL fields over the portfolio read models: an account's balances and its orders. Each
 * resolver asks the {@link QueryGateway} (the projections answer, wherever they run) and lets only
 * the account's owner or an admin see the answer.
 */
@Controller
public class PortfolioController {

    private final QueryGateway queryGateway;

    public PortfolioController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    /** The account, or null when it is unknown. */
    @QueryMapping
    public CompletableFuture<AccountView> account(@Argument String id, Authentication authentication) {
        Authentication caller = AccountAccess.requireAuthenticated(authentication);
        return findAccount(Identifiers.accountId(id))
                .thenApply(account -> account == null ? null : AccountAccess.requireReadable(account, caller));
    }

    @QueryMapping
    public CompletableFuture<Connection<OrderView>> orders(@Argument String accountId, @Argument List<OrderStatus> status,
                                                          @Argument Integer first, @Argument String after,
                                                          Authentication authentication) {
        Authentication caller = AccountAccess.requireAuthenticated(authentication);
        AccountId id = Identifiers.accountId(accountId);
        int pageSize = PageArguments.pageSize(first);
        return AccountAccess.requireReadable(queryGateway, id, caller)
                .thenCompose(account -> queryGateway.query(new FindOrdersQuery(id, status, pageSize, after),
                        ResponseTypes.instanceOf(OrderPage.class)))
                .thenApply(page -> Connection.of(page.items(), OrderView::cursor, page.hasNextPage()));
    }

    @SchemaMapping(typeName = "Account", field = "id")
    public String id(AccountView account) {
        return account.accountId();
    }

    private CompletableFuture<AccountView> findAccount(AccountId id) {
        return queryGateway.query(new FindAccountQuery(id), ResponseTypes.instanceOf(AccountView.class));
    }
}
