package io.tandem.command.follow;

import io.tandem.command.support.LookupTable;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The block table's subscribing processor with errors that propagate: post entry refuses comments
 * and likes of blocked users from it, so it must change in the transaction of the block.
 */
@Configuration(proxyBeanMethods = false)
public class FollowConfiguration {

    /** The processing group of the block table's subscribing processor. */
    public static final String BLOCKS_PROCESSING_GROUP = BlockTableUpdater.PROCESSING_GROUP;

    @Bean
    public ConfigurerModule traderBlocksProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerSubscribingEventProcessor(BLOCKS_PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(BLOCKS_PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance());
    }

    /** The block table, rebuilt from the event log through the updater's handlers when it is behind it. */
    @Bean
    LookupTable traderBlocksTable(BlockTableUpdater updater) {
        return LookupTable.of(BLOCKS_PROCESSING_GROUP, updater, TraderBlock.class);
    }
}
