package io.tandem.query.portfolio;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.orderbook.OrderStatus;
import io.tandem.contracts.portfolio.AccountView;
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

    /** The account, or null when it is unknown or someone else's (the two look the same). */
    @QueryMapping
    public CompletableFuture<AccountView> account(@Argument String id, Authentication authentication) {
        Authentication caller = AccountAccess.requireAuthenticated(authentication);
        return AccountAccess.readable(queryGateway, Identifiers.accountId(id), caller)
                .thenApply(account -> account.orElse(null));
    }

    /** The account's orders; an empty page when the account is unknown or someone else's. */
    @QueryMapping
    public CompletableFuture<Connection<OrderView>> orders(@Argument String accountId, @Argument List<OrderStatus> status,
                                                          @Argument Integer first, @Argument String after,
                                                          Authentication authentication) {
        Authentication caller = AccountAccess.requireAuthenticated(authentication);
        AccountId id = Identifiers.accountId(accountId);
        int pageSize = PageArguments.pageSize(first);
        return AccountAccess.readable(queryGateway, id, caller)
                .thenCompose(account -> account.isEmpty() ? CompletableFuture.completedFuture(Connection.<OrderView>empty())
                        : queryGateway.query(new FindOrdersQuery(id, status, pageSize, after), ResponseTypes.instanceOf(OrderPage.class))
                                .thenApply(page -> Connection.of(page.items(), OrderView::cursor, page.hasNextPage())));
    }

    @SchemaMapping(typeName = "Account", field = "id")
    public String id(AccountView account) {
        return account.accountId();
    }
}
