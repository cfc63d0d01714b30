package io.tandem.infra.audit.state;

import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.marketdata.FindOrderBookQuery;
import io.tandem.contracts.orderbook.InstrumentListedEvent;
import io.tandem.infra.audit.history.HistoryEvent;
import io.tandem.projection.marketdata.OrderBookProjector;
import io.tandem.projection.marketdata.OrderBookQueryHandler;
import io.tandem.projection.support.InstrumentFormats;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * A book's state: its events fed to the order-book projection's own {@link OrderBookProjector}
 * (built without pushes) over an {@link InMemoryReadModel}, read back with the live
 * {@link OrderBookQueryHandler} at its largest depth (100 levels a side). The book's first event is
 * its listing, which gives the instrument's formats.
 */
final class OrderBookFold implements StateFold {

    static final int DEPTH = 100;

    private final String symbol;
    private final InMemoryReadModel readModel = new InMemoryReadModel();
    private final AnnotationEventHandlerAdapter projector;
    private final InstrumentFormats instruments;

    OrderBookFold(String symbol) {
        this.symbol = symbol;
        this.projector = new AnnotationEventHandlerAdapter(new OrderBookProjector(readModel.database()));
        this.instruments = new InstrumentFormats(readModel.database());
    }

    @Override
    public void apply(HistoryEvent stored, DomainEventMessage<?> event) {
        if (event.getPayload() instanceof InstrumentListedEvent listing) {
            instruments.store(listing);
        }
        try {
            if (projector.canHandle(event)) {
                projector.handle(event);
            }
        } catch (Exception e) {
            throw new IllegalStateException("the order-book projection refused event " + stored.sequenceNumber()
                    + " of " + symbol + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Object state() {
        return new OrderBookQueryHandler(readModel.database(), instruments).find(new FindOrderBookQuery(Symbol.of(symbol), DEPTH));
    }

    @Override
    public void close() {
        readModel.close();
    }
}
