package io.tandem.command.orderentry;

import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.orderbook.InstrumentSpec;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;

/** Read access to the instrument catalog for order entry and the edge. */
@Service
public class InstrumentCatalog {

    private final InstrumentCatalogRepository repository;

    InstrumentCatalog(InstrumentCatalogRepository repository) {
        this.repository = repository;
    }

    @Transactional(readOnly = true)
    public Optional<InstrumentSpec> find(Symbol symbol) {
        return repository.findById(symbol.value()).map(InstrumentCatalogEntry::spec);
    }

    @Transactional(readOnly = true)
    public Optional<Price> lastPrice(Symbol symbol) {
        return repository.findById(symbol.value()).flatMap(InstrumentCatalogEntry::lastPrice);
    }
}
