package io.tandem.command.orderentry;

import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.orderbook.InstrumentSpec;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read access to the instrument catalog for order entry and the edge. A listed instrument's spec
 * never changes, so specs are kept in memory once read: every order needs its spec twice (to parse
 * the request, to format the answer). Only specs that were found are kept, and the listing
 * transaction looks the symbol up before it inserts the row, so a listing that rolls back leaves
 * nothing behind here. The last price changes with every trade and is always read from the table.
 */
@Service
public class InstrumentCatalog {

    private final InstrumentCatalogRepository repository;
    private final Map<Symbol, InstrumentSpec> specs = new ConcurrentHashMap<>();

    InstrumentCatalog(InstrumentCatalogRepository repository) {
        this.repository = repository;
    }

    public Optional<InstrumentSpec> find(Symbol symbol) {
        InstrumentSpec known = specs.get(symbol);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<InstrumentSpec> found = read(symbol);
        found.ifPresent(spec -> specs.putIfAbsent(symbol, spec));
        return found;
    }

    @Transactional(readOnly = true)
    public Optional<Price> lastPrice(Symbol symbol) {
        return repository.findById(symbol.value()).flatMap(InstrumentCatalogEntry::lastPrice);
    }

    private Optional<InstrumentSpec> read(Symbol symbol) {
        return repository.findById(symbol.value()).map(InstrumentCatalogEntry::spec);
    }
}
