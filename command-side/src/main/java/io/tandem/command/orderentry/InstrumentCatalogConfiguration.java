package io.tandem.command.orderentry;

import io.tandem.command.support.LookupTable;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the instrument catalog in a subscribing processor whose errors propagate: the catalog is
 * a uniqueness and lookup table for order entry, so it must change in the command's transaction,
 * and a failure to update it must fail (and roll back) that command rather than be logged away.
 * Equivalent to {@code axon.eventhandling.processors.instrument-catalog.mode=subscribing}, plus
 * the error handler, which has no property.
 */
@Configuration(proxyBeanMethods = false)
public class InstrumentCatalogConfiguration {

    @Bean
    public ConfigurerModule instrumentCatalogProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerSubscribingEventProcessor(InstrumentCatalogUpdater.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(InstrumentCatalogUpdater.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance());
    }

    /** The catalog, rebuilt from the event log through the updater's handlers when it is behind it. */
    @Bean
    LookupTable instrumentCatalogTable(InstrumentCatalogUpdater updater) {
        return LookupTable.of(InstrumentCatalogUpdater.PROCESSING_GROUP, updater, InstrumentCatalogEntry.class);
    }
}
