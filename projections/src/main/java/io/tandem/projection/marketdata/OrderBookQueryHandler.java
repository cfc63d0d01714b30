package io.tandem.projection.marketdata;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.marketdata.FindOrderBookQuery;
import io.tandem.contracts.marketdata.OrderBookView;
import io.tandem.contracts.marketdata.PriceLevelView;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.projection.support.Cursors;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.Numbers;
import io.tandem.projection.support.ReadModelCollections;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.tandem.projection.marketdata.BookDocuments.*;

/**
 * Answers {@link FindOrderBookQuery}: the best {@code depth} price levels per side (bids highest
 * first, asks lowest first), each with its total unfilled quantity and number of orders, and the
 * last trade price.
 */
@Component
public class OrderBookQueryHandler {

    static final int DEFAULT_DEPTH = 10;
    static final int MAX_DEPTH = 100;

    private final MongoCollection<Document> bookOrders;
    private final MongoCollection<Document> books;
    private final InstrumentFormats instruments;

    public OrderBookQueryHandler(MongoDatabase database, InstrumentFormats instruments) {
        this.bookOrders = database.getCollection(ReadModelCollections.BOOK_ORDERS);
        this.books = database.getCollection(ReadModelCollections.BOOKS);
        this.instruments = instruments;
    }

    /** The book's depth, or null when no such instrument has been listed. */
    @QueryHandler
    public OrderBookView find(FindOrderBookQuery query) {
        String symbol = query.symbol().value();
        Document book = books.find(Filters.eq("_id", symbol)).first();
        Optional<InstrumentSpec> spec = instruments.spec(symbol);
        if (book == null || spec.isEmpty()) {
            return null;
        }
        int depth = Cursors.pageSize(query.depth(), DEFAULT_DEPTH, MAX_DEPTH);
        String lastPrice = book.get(LAST_PRICE) == null ? null
                : spec.get().format(Price.ofTicks(Numbers.longOf(book, LAST_PRICE)));
        return new OrderBookView(symbol, levels(symbol, Side.BUY, depth, spec.get()),
                levels(symbol, Side.SELL, depth, spec.get()), lastPrice);
    }

    private List<PriceLevelView> levels(String symbol, Side side, int depth, InstrumentSpec spec) {
        var pipeline = List.of(
                Aggregates.match(Filters.and(Filters.eq(SYMBOL, symbol), Filters.eq(OPEN, true),
                        Filters.eq(SIDE, side.name()), Filters.gt(REMAINING, 0L))),
                Aggregates.group("$" + PRICE, Accumulators.sum("quantity", "$" + REMAINING), Accumulators.sum("orders", 1)),
                Aggregates.sort(side == Side.BUY ? Sorts.descending("_id") : Sorts.ascending("_id")),
                Aggregates.limit(depth));
        List<PriceLevelView> levels = new ArrayList<>();
        for (Document level : bookOrders.aggregate(pipeline)) {
            levels.add(new PriceLevelView(spec.format(Price.ofTicks(Numbers.longOf(level, "_id"))),
                    spec.format(Quantity.ofLots(Numbers.longOf(level, "quantity"))),
                    Math.toIntExact(Numbers.longOf(level, "orders"))));
        }
        return levels;
    }
}
