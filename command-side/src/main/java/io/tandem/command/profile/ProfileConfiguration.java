package io.tandem.command.profile;

import io.tandem.command.support.LookupTable;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The handle table's subscribing processor with errors that propagate: the table decides whether a
 * handle is free, so it must change in the transaction of the profile's event (like the instrument
 * catalog), and a failure to update it must fail that request.
 * <p>
 * Snapshots for trader profiles: a popular leader's profile gets a slot event for every copy that
 * starts or closes, so a snapshot every {@code tandem.profile.snapshot-threshold} events (default
 * 100) bounds what a load replays.
 */
@Configuration(proxyBeanMethods = false)
public class ProfileConfiguration {

    /** The processing group of the handle table's subscribing processor. */
    public static final String HANDLES_PROCESSING_GROUP = TraderHandleUpdater.PROCESSING_GROUP;

    /** Bean name the {@link TraderProfile} aggregate refers to. */
    public static final String SNAPSHOT_TRIGGER = "traderProfileSnapshotTrigger";

    @Bean(SNAPSHOT_TRIGGER)
    public SnapshotTriggerDefinition traderProfileSnapshotTrigger(Snapshotter snapshotter,
                                                                  @Value("${tandem.profile.snapshot-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

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
