/**
 * How the application refuses to start with an unsafe configuration: a
 * {@link io.tandem.infra.startup.StartupRefusal} that says what was refused and which property to change,
 * reported by {@link io.tandem.infra.startup.StartupRefusalFailureAnalyzer}.
 * <p>
 * Checks that need only properties and profiles (the simulator in production, dev tokens off loopback,
 * Axon Server, the event chain's sealing key) listen for Spring Boot's {@link org.springframework.boot.context.event.ApplicationPreparedEvent}
 * (registered in {@code META-INF/spring.factories}): by then every property source is in the environment,
 * those that initializers add included, and the profiles are resolved, but no bean exists yet, so nothing
 * has touched the database, the event store or the network. An environment post-processor would run
 * earlier but miss property sources added after it. Checks that need beans (the payment provider
 * allowlist) refuse while the context starts.
 */
package io.tandem.infra.startup;
