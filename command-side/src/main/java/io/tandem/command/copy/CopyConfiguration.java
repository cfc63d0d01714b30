package io.tandem.command.copy;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Snapshots for copies. A copy of an active leader records a decision for every leader trade, so
 * without snapshots each mirror would replay the copy's whole history; a snapshot every
 * {@code tandem.copy.snapshot-threshold} events (default 100) bounds what a load replays. Copies are
 * not cached: each is touched once per leader trade, by one thread of the copy-mirror process.
 */
@Configuration(proxyBeanMethods = false)
public class CopyConfiguration {

    /** Bean name the {@link CopyRelationship} aggregate refers to. */
    public static final String SNAPSHOT_TRIGGER = "copySnapshotTrigger";

    @Bean(SNAPSHOT_TRIGGER)
    public SnapshotTriggerDefinition copySnapshotTrigger(Snapshotter snapshotter,
                                                         @Value("${tandem.copy.snapshot-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
