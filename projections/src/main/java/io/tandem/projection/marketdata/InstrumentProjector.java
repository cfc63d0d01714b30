package io.tandem.projection.marketdata;

import io.tandem.contracts.orderbook.InstrumentListedEvent;
import io.tandem.projection.support.InstrumentFormats;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps the instruments read model: every listed instrument's spec and supply. A listing is stored
 * with absolute values keyed by symbol, so a redelivered or replayed listing changes nothing.
 */
@Component
@ProcessingGroup(InstrumentProjector.PROCESSING_GROUP)
public class InstrumentProjector {

    public static final String PROCESSING_GROUP = "instruments";

    private final InstrumentFormats catalog;

    public InstrumentProjector(InstrumentFormats catalog) {
        this.catalog = catalog;
    }

    @EventHandler
    public void on(InstrumentListedEvent event) {
        catalog.store(event);
    }

    @ResetHandler
    public void reset() {
        catalog.clear();
    }
}
