package io.tandem.query.marketdata;

import io.tandem.contracts.marketdata.CandleInterval;
import io.tandem.contracts.marketdata.CandlePage;
import io.tandem.contracts.marketdata.CandleView;
import io.tandem.contracts.marketdata.FindCandlesQuery;
import io.tandem.contracts.marketdata.FindInstrumentsQuery;
import io.tandem.contracts.marketdata.FindOrderBookQuery;
import io.tandem.contracts.marketdata.FindTradesQuery;
import io.tandem.contracts.marketdata.InstrumentMarketList;
import io.tandem.contracts.marketdata.InstrumentMarketView;
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

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * GraphQL fields over market data: order-book depth, the trade tape, candles and the instruments
 * with their last price and 24 h change, open to any authenticated user. The subscriptions are
 * {@link MarketDataSubscriptionController}'s.
 */
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

    /** A page of the book's candles, newest first; from and to arrive as instants (the DateTime scalar). */
    @QueryMapping
    public CompletableFuture<Connection<CandleView>> candles(@Argument String symbol, @Argument CandleInterval interval,
                                                            @Argument Instant from, @Argument Instant to,
                                                            @Argument Integer first, @Argument String after,
                                                            Authentication authentication) {
        AccountAccess.requireAuthenticated(authentication);
        FindCandlesQuery query = new FindCandlesQuery(Identifiers.listableSymbol(symbol), interval, from, to,
                PageArguments.pageSize(first), after);
        return queryGateway.query(query, ResponseTypes.instanceOf(CandlePage.class))
                .thenApply(page -> Connection.of(page.items(), CandleView::cursor, page.hasNextPage()));
    }

    @QueryMapping
    public CompletableFuture<List<InstrumentMarketView>> instruments(Authentication authentication) {
        AccountAccess.requireAuthenticated(authentication);
        return queryGateway.query(new FindInstrumentsQuery(), ResponseTypes.instanceOf(InstrumentMarketList.class))
                .thenApply(InstrumentMarketList::items);
    }
}
