package io.tandem.projection.marketdata;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import io.tandem.projection.support.ReadModelCollections;
import io.tandem.projection.support.ReadModelWrites;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Keeps the trade tape: one document per execution, keyed by book and trade id and written with
 * absolute values, so redelivery and replay rewrite the same document. The book's event sequence
 * number orders the tape and is what trade cursors point at. Writes are sent per batch
 * ({@link ReadModelWrites}).
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

    public TradeTapeProjector(MongoDatabase database) {
        this.trades = database.getCollection(ReadModelCollections.TRADES);
        trades.createIndex(Indexes.ascending(SYMBOL, SEQUENCE));
    }

    @EventHandler
    public void on(TradeExecutedEvent event, @SequenceNumber long sequence) {
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
    }

    @ResetHandler
    public void reset() {
        ReadModelWrites.deleteAll(trades);
    }
}
