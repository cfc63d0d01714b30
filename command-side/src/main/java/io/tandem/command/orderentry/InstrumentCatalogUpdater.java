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
 * A subscribing processor has no token, so the catalog is not a replayable projection and has no
 * reset handler. It is still a function of the event log: when the table is behind it (a database
 * restored with only its event tables), {@link io.tandem.command.support.LookupTableRebuild} feeds
 * these same handlers the listings and trades from the event store at startup. Both handlers are
 * idempotent for that reason: a listing inserts the row once, and a trade sets the last price, which
 * ends at the latest trade's price when trades are applied in order.
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
