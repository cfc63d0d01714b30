package io.tandem.command.orderbook;

import org.axonframework.common.caching.Cache;
import io.tandem.command.support.BoundedCache;
import org.springframework.beans.factory.annotation.Value;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Snapshots and caching for {@link OrderBook}: a busy book would otherwise replay every order it
 * ever saw on each command. The cache keeps up to {@code tandem.orderbook.cache-size} loaded books
 * in memory between commands (by strong reference: a weak one was dropped at every young garbage
 * collection); the snapshot trigger bounds what a cold load
 * replays to {@code tandem.orderbook.snapshot-threshold} events.
 */
@Configuration
@EnableConfigurationProperties(OrderBookProperties.class)
public class OrderBookConfiguration {

    @Bean
    public SnapshotTriggerDefinition orderBookSnapshotTrigger(Snapshotter snapshotter, OrderBookProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
    }

    @Bean
    public Cache orderBookCache(@Value("${tandem.orderbook.cache-size:10000}") long size) {
        return new BoundedCache(size);
    }
}
