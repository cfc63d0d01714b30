package io.tandem.command.account;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Snapshots for accounts: an active trader's account collects an event per reservation and per
 * settlement, so loading it would otherwise replay its whole history on every order. Accounts are
 * deliberately not cached (see {@link Account}).
 */
@Configuration(proxyBeanMethods = false)
public class AccountConfiguration {

    /** Bean name the {@link Account} aggregate refers to. */
    public static final String SNAPSHOT_TRIGGER = "accountSnapshotTrigger";

    @Bean(SNAPSHOT_TRIGGER)
    public SnapshotTriggerDefinition accountSnapshotTrigger(Snapshotter snapshotter,
                                                            @Value("${tandem.account.snapshot-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
