package io.tandem.command.post;

import io.tandem.command.support.LookupTable;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The posts lookup table's subscribing processor, with errors that propagate: post entry reads the
 * table to check comments, likes and deletes, so it must change in the transaction of the post's
 * events (like the instrument catalog), and a failure must fail that command.
 */
@Configuration(proxyBeanMethods = false)
public class PostConfiguration {

    /** The processing group of the posts lookup table's subscribing processor. */
    public static final String LOOKUP_PROCESSING_GROUP = PostLookupUpdater.PROCESSING_GROUP;

    @Bean
    public ConfigurerModule postLookupProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerSubscribingEventProcessor(LOOKUP_PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(LOOKUP_PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance());
    }

    /** The posts lookup table, rebuilt from the event log through the updater's handlers when it is behind it. */
    @Bean
    LookupTable postLookupTable(PostLookupUpdater updater) {
        return LookupTable.of(LOOKUP_PROCESSING_GROUP, updater, PostLookupEntry.class);
    }
}
