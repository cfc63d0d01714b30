package io.tandem.projection.marketdata;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.marketdata.FindTradesQuery;
import io.tandem.contracts.marketdata.TradePage;
import io.tandem.contracts.marketdata.TradeView;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.projection.support.Cursors;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.Numbers;
import io.tandem.projection.support.ReadModelCollections;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

import static io.tandem.projection.marketdata.TradeTapeProjector.*;

/**
 * Answers {@link FindTradesQuery}: a book's trades, newest first. The cursor is the book sequence
 * number of the last trade on the page, so pages do not shift when new trades arrive.
 */
@Component
public class TradeQueryHandler {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    private final MongoCollection<Document> trades;
    private final InstrumentFormats instruments;

    public TradeQueryHandler(MongoDatabase database, InstrumentFormats instruments) {
        this.trades = database.getCollection(ReadModelCollections.TRADES);
        this.instruments = instruments;
    }

    @QueryHandler
    public TradePage find(FindTradesQuery query) {
        String symbol = query.symbol().value();
        int pageSize = Cursors.pageSize(query.first(), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        Bson filter = Filters.eq(SYMBOL, symbol);
        if (query.after() != null && !query.after().isBlank()) {
            filter = Filters.and(filter, Filters.lt(SEQUENCE, sequenceOf(query.after())));
        }
        List<Document> documents = trades.find(filter).sort(Sorts.descending(SEQUENCE))
                .limit(pageSize + 1).into(new ArrayList<>());
        if (documents.isEmpty()) {
            return new TradePage(List.of(), null, false);
        }
        InstrumentSpec spec = instruments.require(symbol);
        boolean hasNextPage = documents.size() > pageSize;
        List<TradeView> items = documents.stream().limit(pageSize).map(trade -> toView(trade, spec)).toList();
        return new TradePage(items, items.get(items.size() - 1).cursor(), hasNextPage);
    }

    private static long sequenceOf(String cursor) {
        try {
            return Long.parseLong(Cursors.decode(cursor));
        } catch (NumberFormatException e) {
            throw Cursors.malformed(cursor);
        }
    }

    /** A trade of the tape as queries show it (and as its push carries it, {@link TradeTapeProjector}). */
    static TradeView toView(Document trade, InstrumentSpec spec) {
        return new TradeView(trade.getString(TRADE_ID), trade.getString(SYMBOL),
                spec.format(Price.ofTicks(Numbers.longOf(trade, PRICE))),
                spec.format(Quantity.ofLots(Numbers.longOf(trade, QUANTITY))),
                trade.getString(AGGRESSOR_SIDE), trade.getString(EXECUTED_AT),
                Cursors.encode(Long.toString(Numbers.longOf(trade, SEQUENCE))));
    }
}
