package io.tandem.projection.portfolio;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.orderbook.InstrumentListedEvent;
import io.tandem.contracts.orderbook.OrderAmendedEvent;
import io.tandem.contracts.orderbook.OrderCancelledEvent;
import io.tandem.contracts.orderbook.OrderFilledEvent;
import io.tandem.contracts.orderbook.OrderPlacedEvent;
import io.tandem.contracts.orderbook.OrderStatus;
import io.tandem.contracts.orderbook.OrderType;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import io.tandem.projection.support.AggregateStreams;
import io.tandem.projection.support.ReadModelCollections;
import io.tandem.projection.support.ReadModelWrites;
import io.tandem.projection.support.SequencedUpdates;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import static io.tandem.projection.portfolio.OrderDocuments.*;

/**
 * Projects order-book events into one document per order, as the account that placed it sees it:
 * status, filled quantity and cancel reason. An order's events all come from its book's stream, so
 * the book's sequence number makes each change apply at most once per order document. No handler
 * reads (a fill increments, a close sets absolute values): the updates of a batch are sent together
 * ({@link io.tandem.projection.support.ReadModelWrites}). Every event of a book is counted against the
 * book's stream head, so that a missing one stops the projection of that book ({@link AggregateStreams}).
 */
@Component
@ProcessingGroup(OrderProjector.PROCESSING_GROUP)
public class OrderProjector {

    public static final String PROCESSING_GROUP = "orders";

    private final MongoCollection<Document> orders;
    private final AggregateStreams streams;

    public OrderProjector(MongoDatabase database) {
        this.orders = database.getCollection(ReadModelCollections.ORDERS);
        this.streams = AggregateStreams.of(database, PROCESSING_GROUP, orders);
        // Scanned backwards, this index serves the newest-first listing of an account's orders.
        orders.createIndex(Indexes.ascending(ACCOUNT_ID, PLACED_KEY, "_id"));
    }

    /** Lists no order: only counted, as the book's first event. */
    @EventHandler
    public void on(InstrumentListedEvent event, @SequenceNumber long sequence) {
        handled(event.symbol(), sequence);
    }

    /**
     * A market order is shown as one: without a price (its event carries the protection price the
     * book bounded it by, which is not a limit the owner chose) and with the time in force it traded
     * with (IOC when GTC was asked). This reads events of every revision the same way.
     */
    @EventHandler
    public void on(OrderPlacedEvent event, @SequenceNumber long sequence) {
        handled(event.symbol(), sequence);
        boolean market = event.type() == OrderType.MARKET;
        apply(event.orderId(), sequence, Updates.combine(
                Updates.set(ACCOUNT_ID, event.accountId().value()),
                Updates.set(SYMBOL, event.symbol().value()),
                Updates.set(SIDE, event.side().name()),
                Updates.set(TYPE, event.type().name()),
                Updates.set(TIME_IN_FORCE, event.timeInForce().of(event.type()).name()),
                Updates.set(PRICE, market || event.limitPrice() == null ? null : event.limitPrice().ticks()),
                Updates.set(QUANTITY, event.quantity().lots()),
                Updates.set(FILLED, 0L),
                Updates.set(STATUS, OrderStatus.NEW.name()),
                Updates.set(PLACED_AT, event.placedAt().toString()),
                Updates.set(PLACED_KEY, placedKey(event.placedAt()))));
    }

    @EventHandler
    public void on(TradeExecutedEvent event, @SequenceNumber long sequence) {
        handled(event.symbol(), sequence);
        long lots = event.quantity().lots();
        apply(event.buyOrderId(), sequence, fill(lots, event.buyOrderFilled()));
        apply(event.sellOrderId(), sequence, fill(lots, event.sellOrderFilled()));
    }

    @EventHandler
    public void on(OrderFilledEvent event, @SequenceNumber long sequence) {
        handled(event.symbol(), sequence);
        apply(event.orderId(), sequence, Updates.combine(
                Updates.set(FILLED, event.filledQuantity().lots()),
                Updates.set(STATUS, OrderStatus.FILLED.name())));
    }

    @EventHandler
    public void on(OrderCancelledEvent event, @SequenceNumber long sequence) {
        handled(event.symbol(), sequence);
        apply(event.orderId(), sequence, Updates.combine(
                Updates.set(FILLED, event.filledQuantity().lots()),
                Updates.set(STATUS, OrderStatus.CANCELLED.name()),
                Updates.set(CANCEL_REASON, event.reason() == null ? null : event.reason().name())));
    }

    @EventHandler
    public void on(OrderAmendedEvent event, @SequenceNumber long sequence) {
        handled(event.symbol(), sequence);
        Bson quantity = Updates.set(QUANTITY, event.quantity().lots());
        apply(event.orderId(), sequence, event.price() == null ? quantity
                : Updates.combine(quantity, Updates.set(PRICE, event.price().ticks())));
    }

    @ResetHandler
    public void reset() {
        ReadModelWrites.deleteAll(orders);
        streams.reset();
    }

    private static Bson fill(long lots, boolean completed) {
        return Updates.combine(Updates.inc(FILLED, lots),
                Updates.set(STATUS, (completed ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED).name()));
    }

    private void handled(Symbol book, long sequence) {
        streams.handled(book.value(), sequence);
    }

    private void apply(OrderId orderId, long sequence, Bson update) {
        SequencedUpdates.applyIfNewer(orders, orderId.value(), sequence, update, true);
    }
}
