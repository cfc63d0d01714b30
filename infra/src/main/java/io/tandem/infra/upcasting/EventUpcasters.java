package io.tandem.infra.upcasting;

import org.springframework.context.annotation.Configuration;

/**
 * The event upcasters: every {@link org.axonframework.serialization.upcasting.event.EventUpcaster}
 * bean declared here is in the server's upcaster chain (Axon's auto-configuration collects them) and
 * in the audit command line's, which imports this class, so that both read old revisions the same way.
 */
@Configuration(proxyBeanMethods = false)
public class EventUpcasters {
}
