package io.tandem.command.account;

import io.tandem.command.support.BoundedCache;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Caching and snapshots for accounts. Every order reserves on its account and every trade settles
 * on two, so a loaded account stays in memory between commands: up to
 * {@code tandem.account.cache-size} accounts, least recently used evicted first (a rolled-back
 * unit of work evicts what it touched). Snapshots bound what a cold load replays.
 */
@Configuration(proxyBeanMethods = false)
public class AccountConfiguration {

    /** Bean name the {@link Account} aggregate refers to. */
    public static final String SNAPSHOT_TRIGGER = "accountSnapshotTrigger";
    /** Bean name of the account cache. */
    public static final String CACHE = "accountCache";

    @Bean(SNAPSHOT_TRIGGER)
    public SnapshotTriggerDefinition accountSnapshotTrigger(Snapshotter snapshotter,
                                                            @Value("${tandem.account.snapshot-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean(CACHE)
    public Cache accountCache(@Value("${tandem.account.cache-size:100000}") long size) {
        return new BoundedCache(size);
    }
}
