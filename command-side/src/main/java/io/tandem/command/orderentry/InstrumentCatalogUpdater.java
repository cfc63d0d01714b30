package io.tandem.command.orderentry;

import io.tandem.contracts.orderbook.InstrumentListedEvent;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps the instrument catalog in step with the books. It runs in a subscribing processor (see
 * {@link InstrumentCatalogConfiguration}), so the table changes in the same transaction as the
 * events that change it: a listing is visible to the next order at once, and a rolled-back listing
 * leaves no row behind (the set-based validation pattern).
 * <p>
 * The catalog is therefore a lookup table maintained in the command transaction, not a replayable
 * projection: a subscribing processor has no token, so it cannot be reset or replayed, and the
 * table is never cleared and rebuilt from the event store. It has no reset handler for that reason
 * (one could never run). Read models of instruments for queries live in the projections, which
 * are replayable.
 */
@Component
@ProcessingGroup(InstrumentCatalogUpdater.PROCESSING_GROUP)
class InstrumentCatalogUpdater {

    static final String PROCESSING_GROUP = "instrument-catalog";

    private final InstrumentCatalogRepository repository;

    InstrumentCatalogUpdater(InstrumentCatalogRepository repository) {
        this.repository = repository;
    }

    @EventHandler
    void on(InstrumentListedEvent event) {
        if (!repository.existsById(event.symbol().value())) {
            repository.save(new InstrumentCatalogEntry(event.spec(), event.issuerAccountId()));
        }
    }

    @EventHandler
    void on(TradeExecutedEvent event) {
        repository.findById(event.symbol().value()).ifPresent(entry -> entry.tradedAt(event.price()));
    }
}
