package io.tandem.infra.upcasting;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event upcasters: every {@link org.axonframework.serialization.upcasting.event.EventUpcaster}
 * bean declared here is in the server's upcaster chain (Axon's auto-configuration collects them) and
 * in the audit command line's, which imports this class, so that both read old revisions the same way.
 * Axon runs them on events and on snapshots alike; each matches its own payload type and revisions.
 */
@Configuration(proxyBeanMethods = false)
public class EventUpcasters {

    /** {@code FeesCollectedEvent} revisions 1 and 2 to 3: the run named by both its ends. */
    @Bean
    public FeesCollectedEventUpcaster feesCollectedEventUpcaster() {
        return new FeesCollectedEventUpcaster();
    }
}
