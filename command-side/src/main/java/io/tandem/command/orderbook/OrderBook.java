package io.tandem.command.orderbook;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.orderbook.AmendOrderCommand;
import io.tandem.contracts.orderbook.CancelOrderCommand;
import io.tandem.contracts.orderbook.InstrumentListedEvent;
import io.tandem.contracts.orderbook.ListInstrumentCommand;
import io.tandem.contracts.orderbook.OrderAmendedEvent;
import io.tandem.contracts.orderbook.OrderCancelledEvent;
import io.tandem.contracts.orderbook.OrderFilledEvent;
import io.tandem.contracts.orderbook.OrderPlacedEvent;
import io.tandem.contracts.orderbook.OrderResult;
import io.tandem.contracts.orderbook.PlaceOrderCommand;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One instrument's order book: the single writer that matches its orders. Command handlers ask
 * {@link OrderBookDecisions} what a command does (refusing before anything is applied), apply the
 * resulting events and answer with an {@link OrderResult}; event-sourcing handlers are the only
 * place the {@link OrderBookState} changes. Hot books are cached and snapshotted (see
 * {@link OrderBookConfiguration}), so loading one never replays its whole history.
 * <p>
 * Snapshots are written with Jackson: only the identifier and {@link OrderBookSnapshot} are
 * serialized, through the two annotated accessors below. The {@code @Revision} names that layout:
 * Axon ignores a snapshot of another revision and replays the events instead, so bump it whenever
 * the snapshot changes shape or meaning (revision 2: closed order ids are the recent ones only;
 * revision 3: resting orders carry their owning user, and the spec its minimum order notional).
 */
@Revision("3")
@Aggregate(snapshotTriggerDefinition = "orderBookSnapshotTrigger", cache = "orderBookCache")
@JsonAutoDetect(fieldVisibility = Visibility.NONE, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE, creatorVisibility = Visibility.NONE)
public class OrderBook {

    @AggregateIdentifier
    @JsonProperty("symbol")
    private String symbol;

    private OrderBookState book;

    /** For Axon and Jackson. */
    protected OrderBook() {
    }

    @CommandHandler
    public OrderBook(ListInstrumentCommand command) {
        if (command.symbol() == null || command.spec() == null || command.issuerAccountId() == null
                || command.supply() == null || command.listedAt() == null) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "symbol, spec, issuer, supply and time are required");
        }
        if (!command.spec().symbol().equals(command.symbol())) {
            throw new TandemException(ErrorCode.INVALID_INSTRUMENT, "the spec is for " + command.spec().symbol());
        }
        AggregateLifecycle.apply(new InstrumentListedEvent(command.symbol(), command.spec(), command.issuerAccountId(),
                command.supply(), command.listedAt()));
    }

    @CommandHandler
    public OrderResult handle(PlaceOrderCommand command) {
        return applyAll(OrderBookDecisions.place(book, command));
    }

    @CommandHandler
    public OrderResult handle(CancelOrderCommand command) {
        return applyAll(OrderBookDecisions.cancel(book, command));
    }

    @CommandHandler
    public OrderResult handle(AmendOrderCommand command) {
        return applyAll(OrderBookDecisions.amend(book, command));
    }

    private static OrderResult applyAll(Decision decision) {
        decision.events().forEach(AggregateLifecycle::apply);
        return decision.result();
    }

    @EventSourcingHandler
    void on(InstrumentListedEvent event) {
        symbol = event.symbol().value();
        book = OrderBookState.listed(event);
    }

    @EventSourcingHandler
    void on(OrderPlacedEvent event) {
        book.on(event);
    }

    @EventSourcingHandler
    void on(TradeExecutedEvent event) {
        book.on(event);
    }

    @EventSourcingHandler
    void on(OrderFilledEvent event) {
        book.on(event);
    }

    @EventSourcingHandler
    void on(OrderCancelledEvent event) {
        book.on(event);
    }

    @EventSourcingHandler
    void on(OrderAmendedEvent event) {
        book.on(event);
    }

    /** The book's state, for tests and queries in this package. */
    OrderBookState book() {
        return book;
    }

    @JsonProperty("book")
    private OrderBookSnapshot snapshot() {
        return book == null ? null : book.snapshot();
    }

    @JsonProperty("book")
    private void restore(OrderBookSnapshot snapshot) {
        book = snapshot == null ? null : OrderBookState.restore(snapshot);
    }
}
