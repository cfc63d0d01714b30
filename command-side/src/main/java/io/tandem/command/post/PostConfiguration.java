package io.tandem.command.post;

import io.tandem.command.support.BoundedCache;
import io.tandem.command.support.LookupTable;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The posts lookup table's subscribing processor, with errors that propagate: post entry reads the
 * table to check comments, likes and deletes, so it must change in the transaction of the post's
 * events (like the instrument catalog), and a failure must fail that command.
 * <p>
 * Caching and snapshots for posts: every fill of an order updates its trade post, so without them
 * each fill would replay the post's whole history (quadratic in the order's fills). Up to
 * {@code tandem.post.cache-size} posts (default 10,000) stay in memory, least recently used evicted
 * first (a rolled-back unit of work evicts what it touched); a snapshot every
 * {@code tandem.post.snapshot-threshold} events (default 100) bounds what a cold load replays.
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

    /** Bean name the {@link Post} aggregate refers to. */
    public static final String SNAPSHOT_TRIGGER = "postSnapshotTrigger";
    /** Bean name of the post cache. */
    public static final String CACHE = "postCache";

    @Bean(SNAPSHOT_TRIGGER)
    public SnapshotTriggerDefinition postSnapshotTrigger(Snapshotter snapshotter,
                                                         @Value("${tandem.post.snapshot-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean(CACHE)
    public Cache postCache(@Value("${tandem.post.cache-size:10000}") long size) {
        return new BoundedCache(size);
    }

    /** The posts lookup table, rebuilt from the event log through the updater's handlers when it is behind it. */
    @Bean
    LookupTable postLookupTable(PostLookupUpdater updater) {
        return LookupTable.of(LOOKUP_PROCESSING_GROUP, updater, PostLookupEntry.class);
    }
}
