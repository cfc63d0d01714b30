/**
 * Startup checks that refuse unsafe configurations before any bean is created.
 * <p>
 * Each check is an {@link org.springframework.boot.env.EnvironmentPostProcessor} registered in
 * {@code META-INF/spring.factories}: it runs once the profiles and every property source are known, and
 * before the database, the event store or the web server is touched, so a refusal costs nothing and says
 * exactly which property to change ({@link io.tandem.infra.startup.StartupRefusal}, reported by
 * {@link io.tandem.infra.startup.StartupRefusalFailureAnalyzer}).
 */
package io.tandem.infra.startup;
