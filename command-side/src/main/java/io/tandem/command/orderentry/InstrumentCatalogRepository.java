package io.tandem.command.orderentry;

import org.springframework.data.jpa.repository.JpaRepository;

/** The instrument lookup table, keyed by symbol. */
interface InstrumentCatalogRepository extends JpaRepository<InstrumentCatalogEntry, String> {
}
