package io.tandem.query.marketdata;

import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.marketdata.CandleInterval;
import io.tandem.contracts.marketdata.CandlePage;
import io.tandem.contracts.marketdata.CandleUpdatesQuery;
import io.tandem.contracts.marketdata.CandleView;
import io.tandem.contracts.marketdata.FindCandlesQuery;
import io.tandem.contracts.marketdata.FindOrderBookQuery;
import io.tandem.contracts.marketdata.MarketChange;
import io.tandem.contracts.marketdata.OrderBookUpdatesQuery;
import io.tandem.contracts.marketdata.OrderBookView;
import io.tandem.contracts.marketdata.TradeUpdatesQuery;
import io.tandem.contracts.marketdata.TradeView;
import io.tandem.query.api.Identifiers;
import io.tandem.query.api.PageArguments;
import io.tandem.query.api.Subscriptions;
import io.tandem.query.security.AccountAccess;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The market-data subscriptions, open to any authenticated user; the projections push only live
 * events, never during a replay or a rebuild.
 * <ul>
 *   <li>{@code trades(symbol)}: each new trade of the book as the {@code trades} query shows it,
 *       pushed by the trade tape itself.</li>
 *   <li>{@code orderBook(symbol, depth)} and {@code candles(symbol, interval)}: the projections push
 *       only "the book changed" (once per projection batch), and each such change is answered by
 *       reading the depth, or the newest candle, again through the query gateway: the view is the one
 *       the queries give, whatever the depth or interval asked for. Reads are conflated: while one is
 *       in flight, further changes collapse into one more read once it is done, so a busy book costs
 *       a subscriber at most one read at a time, and a read that shows nothing new is not pushed.</li>
 * </ul>
 */
@Controller
public class MarketDataSubscriptionController {

    private final QueryGateway queryGateway;

    public MarketDataSubscriptionController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @SubscriptionMapping
    public Flux<TradeView> trades(@Argument String symbol, Authentication authentication) {
        AccountAccess.requireAuthenticated(authentication);
        return Subscriptions.updates(queryGateway, new TradeUpdatesQuery(Identifiers.listableSymbol(symbol)), TradeView.class);
    }

    @SubscriptionMapping
    public Flux<OrderBookView> orderBook(@Argument String symbol, @Argument Integer depth, Authentication authentication) {
        AccountAccess.requireAuthenticated(authentication);
        FindOrderBookQuery query = new FindOrderBookQuery(Identifiers.listableSymbol(symbol), PageArguments.depth(depth));
        return readAfterEachChange(new OrderBookUpdatesQuery(query.symbol()),
                () -> queryGateway.query(query, ResponseTypes.instanceOf(OrderBookView.class)));
    }

    @SubscriptionMapping
    public Flux<CandleView> candles(@Argument String symbol, @Argument CandleInterval interval, Authentication authentication) {
        AccountAccess.requireAuthenticated(authentication);
        Symbol book = Identifiers.listableSymbol(symbol);
        FindCandlesQuery newest = new FindCandlesQuery(book, interval, null, null, 1, null);
        return readAfterEachChange(new CandleUpdatesQuery(book),
                () -> queryGateway.query(newest, ResponseTypes.instanceOf(CandlePage.class))
                        .thenApply(page -> page.items().isEmpty() ? null : page.items().get(0)));
    }

    /** After each change the subscription query announces, {@code read} again (conflated); empty reads and repeats are not pushed. */
    private <T> Flux<T> readAfterEachChange(Object changes, Supplier<CompletableFuture<T>> read) {
        return Subscriptions.updates(queryGateway, changes, MarketChange.class)
                .onBackpressureLatest()
                .concatMap(change -> Mono.fromFuture(read), 1)
                .distinctUntilChanged();
    }
}
