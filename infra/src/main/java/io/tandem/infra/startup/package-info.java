/**
 * How the application refuses to start with an unsafe configuration: a
 * {@link io.tandem.infra.startup.StartupRefusal} that says what was refused and which property to change,
 * reported by {@link io.tandem.infra.startup.StartupRefusalFailureAnalyzer}.
 * <p>
 * Checks that need only properties and profiles are {@link org.springframework.boot.env.EnvironmentPostProcessor}s
 * registered in {@code META-INF/spring.factories} (the simulator in production, dev tokens off loopback,
 * Axon Server): they run once every property source and profile is known, before the database, the event
 * store or the web server is touched. Checks that need beans (the payment provider allowlist) refuse while
 * the context starts.
 */
package io.tandem.infra.startup;
