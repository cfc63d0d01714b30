package io.tandem.projection.marketdata;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import io.tandem.contracts.marketdata.TradeUpdatesQuery;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.ReadModelCollections;
import io.tandem.projection.support.ReadModelWrites;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Keeps the trade tape: one document per execution, keyed by book and trade id and written with
 * absolute values, so redelivery and replay rewrite the same document. The book's event sequence
 * number orders the tape and is what trade cursors point at. Writes are sent per batch
 * ({@link ReadModelWrites}).
 * <p>
 * A live trade is pushed to the book's {@link TradeUpdatesQuery} subscribers as the {@code trades}
 * query shows it; Axon sends it after the batch commits, so the trade is on the tape by then.
 * Nothing is pushed during a replay.
 */
@Component
@ProcessingGroup(TradeTapeProjector.PROCESSING_GROUP)
public class TradeTapeProjector {

    public static final String PROCESSING_GROUP = "trade-tape";

    static final String SYMBOL = "symbol";
    static final String SEQUENCE = "seq";
    static final String TRADE_ID = "tradeId";
    static final String PRICE = "price";
    static final String QUANTITY = "quantity";
    static final String AGGRESSOR_SIDE = "aggressorSide";
    static final String EXECUTED_AT = "executedAt";

    private final MongoCollection<Document> trades;
    private final InstrumentFormats instruments;
    private final MarketPushes pushes;

    @Autowired
    public TradeTapeProjector(MongoDatabase database, InstrumentFormats instruments, QueryUpdateEmitter emitter) {
        this(database, instruments, new MarketPushes(emitter));
    }

    /** Without pushes: for tools and tests. */
    public TradeTapeProjector(MongoDatabase database) {
        this(database, null, MarketPushes.none());
    }

    private TradeTapeProjector(MongoDatabase database, InstrumentFormats instruments, MarketPushes pushes) {
        this.trades = database.getCollection(ReadModelCollections.TRADES);
        this.instruments = instruments;
        this.pushes = pushes;
        trades.createIndex(Indexes.ascending(SYMBOL, SEQUENCE));
    }

    @EventHandler
    public void on(TradeExecutedEvent event, @SequenceNumber long sequence, ReplayStatus replayStatus) {
        String id = event.symbol().value() + "/" + event.tradeId().value();
        Document trade = new Document("_id", id)
                .append(SYMBOL, event.symbol().value())
                .append(SEQUENCE, sequence)
                .append(TRADE_ID, event.tradeId().value())
                .append(PRICE, event.price().ticks())
                .append(QUANTITY, event.quantity().lots())
                .append(AGGRESSOR_SIDE, event.aggressorSide().name())
                .append(EXECUTED_AT, event.executedAt().toString());
        ReadModelWrites.write(trades, id, new ReplaceOneModel<>(Filters.eq("_id", id), trade, new ReplaceOptions().upsert(true)));
        if (!replayStatus.isReplay() && instruments != null
                && pushes.subscribed(TradeUpdatesQuery.class, TradeUpdatesQuery::symbol, event.symbol())) {
            // the listing precedes every trade of the book, so its spec is there unless the instruments model lags
            instruments.spec(event.symbol().value()).ifPresent(spec -> pushes.push(TradeUpdatesQuery.class,
                    TradeUpdatesQuery::symbol, event.symbol(), TradeQueryHandler.toView(trade, spec)));
        }
    }

    @ResetHandler
    public void reset() {
        ReadModelWrites.deleteAll(trades);
    }
}
