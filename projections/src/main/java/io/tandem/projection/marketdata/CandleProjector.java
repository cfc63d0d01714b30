package io.tandem.projection.marketdata;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.marketdata.CandleInterval;
import io.tandem.contracts.marketdata.CandleUpdatesQuery;
import io.tandem.contracts.orderbook.InstrumentListedEvent;
import io.tandem.contracts.orderbook.OrderAmendedEvent;
import io.tandem.contracts.orderbook.OrderCancelledEvent;
import io.tandem.contracts.orderbook.OrderFilledEvent;
import io.tandem.contracts.orderbook.OrderPlacedEvent;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import io.tandem.projection.support.AggregateStreams;
import io.tandem.projection.support.ReadModelCollections;
import io.tandem.projection.support.ReadModelWrites;
import io.tandem.projection.support.SequencedUpdates;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Instant;

import static io.tandem.projection.marketdata.CandleDocuments.*;

/**
 * Projects each book's trades into OHLC candles of one minute, one hour and one UTC day
 * ({@link CandleInterval}), bucketed by the trade's {@code executedAt}. Only buckets with a trade are
 * stored; the query fills the gaps ({@link CandleQueryHandler}).
 * <p>
 * A trade is one {@link SequencedUpdates sequenced} upsert per interval, guarded by the book's event
 * sequence number, that the server applies on its own: the open only when the candle is created
 * ({@code $setOnInsert}), high and low by {@code $max}/{@code $min}, the close set, volume and trade
 * count incremented. A redelivered or replayed trade finds the candle's {@code lastSeq} at or past it
 * and changes nothing. So a trade costs three updates, all queued in the batch's one bulk write
 * ({@link ReadModelWrites}), and no read. (Folding a batch's trades into one update per candle would
 * need to know which of them a redelivered, differently cut batch has applied already, i.e. a read
 * per batch, where three small updates per trade ride in the batch's bulk write anyway.)
 * <p>
 * Within a book trades arrive in sequence order, so the first trade applied to a bucket is its
 * open. The projector follows every event of the order-book stream ({@link AggregateStreams}), so a
 * missing trade stops the projection of its book instead of leaving a candle short of it.
 * <p>
 * Live trades announce the book's change to {@link CandleUpdatesQuery} subscribers once per batch;
 * nothing is pushed during a replay.
 */
@Component
@ProcessingGroup(CandleProjector.PROCESSING_GROUP)
public class CandleProjector {

    public static final String PROCESSING_GROUP = "market-data";

    private final MongoCollection<Document> candles;
    private final AggregateStreams streams;
    private final MarketPushes pushes;

    @Autowired
    public CandleProjector(MongoDatabase database, QueryUpdateEmitter emitter) {
        this(database, new MarketPushes(emitter));
    }

    /** Without pushes: for tools and tests. */
    public CandleProjector(MongoDatabase database) {
        this(database, MarketPushes.none());
    }

    private CandleProjector(MongoDatabase database, MarketPushes pushes) {
        this.candles = database.getCollection(ReadModelCollections.CANDLES);
        this.streams = AggregateStreams.of(database, PROCESSING_GROUP, candles);
        this.pushes = pushes;
    }

    @EventHandler
    public void on(TradeExecutedEvent event, @SequenceNumber long sequence, ReplayStatus replayStatus) {
        handled(event.symbol(), sequence);
        String symbol = event.symbol().value();
        long price = event.price().ticks();
        long lots = event.quantity().lots();
        for (CandleInterval interval : CandleInterval.values()) {
            Instant start = interval.bucketStart(event.executedAt());
            SequencedUpdates.applyIfNewer(candles, id(symbol, interval, start), sequence, Updates.combine(
                    Updates.setOnInsert(SYMBOL, symbol),
                    Updates.setOnInsert(INTERVAL, interval.name()),
                    Updates.setOnInsert(START, start.getEpochSecond()),
                    Updates.setOnInsert(OPEN, price),
                    Updates.max(HIGH, price),
                    Updates.min(LOW, price),
                    Updates.set(CLOSE, price),
                    Updates.inc(VOLUME, lots),
                    Updates.inc(TRADES, 1L)), true);
        }
        if (!replayStatus.isReplay()) {
            pushes.changed(CandleUpdatesQuery.class, CandleUpdatesQuery::symbol, event.symbol());
        }
    }

    // The other events of the book's stream carry nothing for candles; they are counted so that the
    // sequence numbers seen are contiguous and a missing trade shows as a gap.

    @EventHandler
    public void on(InstrumentListedEvent event, @SequenceNumber long sequence) {
        handled(event.symbol(), sequence);
    }

    @EventHandler
    public void on(OrderPlacedEvent event, @SequenceNumber long sequence) {
        handled(event.symbol(), sequence);
    }

    @EventHandler
    public void on(OrderAmendedEvent event, @SequenceNumber long sequence) {
        handled(event.symbol(), sequence);
    }

    @EventHandler
    public void on(OrderFilledEvent event, @SequenceNumber long sequence) {
        handled(event.symbol(), sequence);
    }

    @EventHandler
    public void on(OrderCancelledEvent event, @SequenceNumber long sequence) {
        handled(event.symbol(), sequence);
    }

    @ResetHandler
    public void reset() {
        ReadModelWrites.deleteAll(candles);
        streams.reset();
    }

    private void handled(Symbol book, long sequence) {
        streams.handled(book.value(), sequence);
    }
}
