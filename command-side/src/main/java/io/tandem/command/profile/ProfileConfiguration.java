package io.tandem.command.profile;

import io.tandem.command.support.LookupTable;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The handle table's subscribing processor with errors that propagate: the table decides whether a
 * handle is free, so it must change in the transaction of the profile's event (like the instrument
 * catalog), and a failure to update it must fail that request.
 */
@Configuration(proxyBeanMethods = false)
public class ProfileConfiguration {

    /** The processing group of the handle table's subscribing processor. */
    public static final String HANDLES_PROCESSING_GROUP = TraderHandleUpdater.PROCESSING_GROUP;

    @Bean
    public ConfigurerModule traderHandlesProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerSubscribingEventProcessor(HANDLES_PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(HANDLES_PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance());
    }

    /** The handle table, rebuilt from the event log through the updater's handler when it is behind it. */
    @Bean
    LookupTable traderHandlesTable(TraderHandleUpdater updater) {
        return LookupTable.of(HANDLES_PROCESSING_GROUP, updater, TraderHandle.class);
    }
}
