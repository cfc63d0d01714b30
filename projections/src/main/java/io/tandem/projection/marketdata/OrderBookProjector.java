package io.tandem.projection.marketdata;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.marketdata.OrderBookUpdatesQuery;
import io.tandem.contracts.orderbook.InstrumentListedEvent;
import io.tandem.contracts.orderbook.OrderAmendedEvent;
import io.tandem.contracts.orderbook.OrderCancelledEvent;
import io.tandem.contracts.orderbook.OrderFilledEvent;
import io.tandem.contracts.orderbook.OrderPlacedEvent;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import io.tandem.projection.support.AggregateStreams;
import io.tandem.projection.support.Numbers;
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
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import static io.tandem.projection.marketdata.BookDocuments.*;

/**
 * Projects each order book into its resting limit orders (with their unfilled remainder) and its
 * last trade price; depth is aggregated per price level at query time. Closed orders stay as
 * closed documents rather than being deleted, so a redelivered placement can never bring them
 * back: every change is guarded by the book's event sequence number per document. Writes are sent
 * per batch ({@link ReadModelWrites}); only an amendment reads a document first. Every event of a
 * book is counted against the book's stream head, so that a missing one stops the projection of
 * that book instead of being skipped ({@link AggregateStreams}).
 * <p>
 * Live events that change a book's depth or last price announce it to {@link OrderBookUpdatesQuery}
 * subscribers once per batch ({@link MarketPushes}); nothing is pushed during a replay.
 */
@Component
@ProcessingGroup(OrderBookProjector.PROCESSING_GROUP)
public class OrderBookProjector {

    public static final String PROCESSING_GROUP = "order-book";

    private final MongoCollection<Document> bookOrders;
    private final MongoCollection<Document> books;
    private final AggregateStreams streams;
    private final MarketPushes pushes;

    @Autowired
    public OrderBookProjector(MongoDatabase database, QueryUpdateEmitter emitter) {
        this(database, new MarketPushes(emitter));
    }

    /** Without pushes: for tools and tests. */
    public OrderBookProjector(MongoDatabase database) {
        this(database, MarketPushes.none());
    }

    private OrderBookProjector(MongoDatabase database, MarketPushes pushes) {
        this.pushes = pushes;
        this.bookOrders = database.getCollection(ReadModelCollections.BOOK_ORDERS);
        this.books = database.getCollection(ReadModelCollections.BOOKS);
        this.streams = AggregateStreams.of(database, PROCESSING_GROUP, bookOrders, books);
        bookOrders.createIndex(Indexes.ascending(SYMBOL, OPEN, SIDE, PRICE));
    }

    @EventHandler
    public void on(InstrumentListedEvent event, @SequenceNumber long sequence, ReplayStatus replayStatus) {
        handled(event.symbol(), sequence);
        changed(event.symbol(), replayStatus);
        SequencedUpdates.applyIfNewer(books, event.symbol().value(), sequence,
                Updates.set(LISTED_AT, event.listedAt() == null ? null : event.listedAt().toString()), true);
    }

    @EventHandler
    public void on(OrderPlacedEvent event, @SequenceNumber long sequence, ReplayStatus replayStatus) {
        handled(event.symbol(), sequence);
        if (event.limitPrice() == null) {
            return; // market orders never rest, so they never show in depth
        }
        changed(event.symbol(), replayStatus);
        long lots = event.quantity().lots();
        SequencedUpdates.applyIfNewer(bookOrders, event.orderId().value(), sequence, Updates.combine(
                Updates.set(SYMBOL, event.symbol().value()),
                Updates.set(SIDE, event.side().name()),
                Updates.set(PRICE, event.limitPrice().ticks()),
                Updates.set(QUANTITY, lots),
                Updates.set(FILLED, 0L),
                Updates.set(REMAINING, lots),
                Updates.set(OPEN, true)), true);
    }

    @EventHandler
    public void on(TradeExecutedEvent event, @SequenceNumber long sequence, ReplayStatus replayStatus) {
        handled(event.symbol(), sequence);
        changed(event.symbol(), replayStatus);
        long lots = event.quantity().lots();
        Bson fill = Updates.combine(Updates.inc(FILLED, lots), Updates.inc(REMAINING, -lots));
        update(event.makerOrderId(), sequence, fill);
        update(event.takerOrderId(), sequence, fill);
        // Every trade of a book sets its last price: a batch sends only the latest one per book.
        SequencedUpdates.setLatestIfNewer(books, event.symbol().value(), sequence, LAST_PRICE, event.price().ticks(), true);
    }

    @EventHandler
    public void on(OrderFilledEvent event, @SequenceNumber long sequence, ReplayStatus replayStatus) {
        handled(event.symbol(), sequence);
        changed(event.symbol(), replayStatus);
        close(event.orderId(), event.filledQuantity().lots(), sequence);
    }

    @EventHandler
    public void on(OrderCancelledEvent event, @SequenceNumber long sequence, ReplayStatus replayStatus) {
        handled(event.symbol(), sequence);
        changed(event.symbol(), replayStatus);
        close(event.orderId(), event.filledQuantity().lots(), sequence);
    }

    /**
     * The new remainder depends on what the order has filled, which this handler reads: the read must
     * see this batch's placement and fills of the order, so they are sent first if still queued.
     * (An update computing it on the server would need an aggregation-pipeline update, which
     * mongo-java-server does not run.)
     */
    @EventHandler
    public void on(OrderAmendedEvent event, @SequenceNumber long sequence, ReplayStatus replayStatus) {
        handled(event.symbol(), sequence);
        String orderId = event.orderId().value();
        ReadModelWrites.flushIfPending(bookOrders, orderId);
        Document order = bookOrders.find(Filters.eq("_id", orderId))
                .projection(Projections.include(FILLED, SequencedUpdates.LAST_SEQ)).first();
        if (order == null || Numbers.longOf(order, SequencedUpdates.LAST_SEQ) >= sequence) {
            return;
        }
        changed(event.symbol(), replayStatus);
        long quantity = event.quantity().lots();
        long remaining = Math.max(0, Math.subtractExact(quantity, Numbers.longOf(order, FILLED)));
        Bson amounts = Updates.combine(Updates.set(QUANTITY, quantity), Updates.set(REMAINING, remaining));
        update(event.orderId(), sequence, event.price() == null ? amounts
                : Updates.combine(amounts, Updates.set(PRICE, event.price().ticks())));
    }

    @ResetHandler
    public void reset() {
        ReadModelWrites.deleteAll(bookOrders);
        ReadModelWrites.deleteAll(books);
        streams.reset();
    }

    private void handled(Symbol book, long sequence) {
        streams.handled(book.value(), sequence);
    }

    private void changed(Symbol book, ReplayStatus replayStatus) {
        if (!replayStatus.isReplay()) {
            pushes.changed(OrderBookUpdatesQuery.class, OrderBookUpdatesQuery::symbol, book);
        }
    }

    private void close(OrderId orderId, long filled, long sequence) {
        update(orderId, sequence, Updates.combine(
                Updates.set(FILLED, filled), Updates.set(REMAINING, 0L), Updates.set(OPEN, false)));
    }

    /** Updates an order that rests or rested; market orders have no document and are left alone. */
    private void update(OrderId orderId, long sequence, Bson update) {
        SequencedUpdates.applyIfNewer(bookOrders, orderId.value(), sequence, update, false);
    }
}
