package io.tandem.query.marketdata;

import io.tandem.contracts.marketdata.FindOrderBookQuery;
import io.tandem.contracts.marketdata.FindTradesQuery;
import io.tandem.contracts.marketdata.OrderBookView;
import io.tandem.contracts.marketdata.TradePage;
import io.tandem.contracts.marketdata.TradeView;
import io.tandem.query.api.Connection;
import io.tandem.query.api.Identifiers;
import io.tandem.query.api.PageArguments;
import io.tandem.query.security.AccountAccess;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

import java.util.concurrent.CompletableFuture;

/** GraphQL fields over market data: order-book depth and the trade tape, open to any authenticated user. */
@Controller
public class MarketDataController {

    private final QueryGateway queryGateway;

    public MarketDataController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    /** The book's depth, or null for an unknown symbol. */
    @QueryMapping
    public CompletableFuture<OrderBookView> orderBook(@Argument String symbol, @Argument Integer depth,
                                                      Authentication authentication) {
        AccountAccess.requireAuthenticated(authentication);
        return queryGateway.query(new FindOrderBookQuery(Identifiers.symbol(symbol), PageArguments.depth(depth)),
                ResponseTypes.instanceOf(OrderBookView.class));
    }

    @QueryMapping
    public CompletableFuture<Connection<TradeView>> trades(@Argument String symbol, @Argument Integer first,
                                                          @Argument String after, Authentication authentication) {
        AccountAccess.requireAuthenticated(authentication);
        return queryGateway.query(new FindTradesQuery(Identifiers.symbol(symbol), PageArguments.pageSize(first), after),
                        ResponseTypes.instanceOf(TradePage.class))
                .thenApply(page -> Connection.of(page.items(), TradeView::cursor, page.hasNextPage()));
    }
}
