package io.tandem.infra.config;

import io.tandem.infra.startup.StartupRefusal;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Refuses to start with Axon Server as the event store. Order entry, the instrument catalog and the
 * daily withdrawal limits check and update their lookup tables in the same JDBC transaction that
 * appends the events (subscribing processors in the command's unit of work, see
 * {@code RequestTransactions}); Axon Server's event store does not join that transaction, so a
 * rolled-back request could leave its events behind, or committed events their tables out of date.
 * Until those checks run without the shared transaction (a saga-based path), the only event store is
 * the JPA one on the application's database.
 * <p>
 * Axon's own default is on when its connector is on the classpath, so a missing property counts as
 * enabled, as {@code AxonServerAutoConfiguration} reads it.
 */
public class AxonServerGuard implements ApplicationListener<ApplicationPreparedEvent>, Ordered {

    static final String ENABLED = "axon.axonserver.enabled";
    static final String CONNECTOR = "org.axonframework.axonserver.connector.AxonServerConfiguration";

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        ConfigurableEnvironment environment = event.getApplicationContext().getEnvironment();
        boolean connectorPresent = ClassUtils.isPresent(CONNECTOR, AxonServerGuard.class.getClassLoader());
        if (!environment.getProperty(ENABLED, Boolean.class, connectorPresent)) {
            return;
        }
        throw new StartupRefusal("Axon Server is enabled (" + ENABLED + "=true), but order entry, the instrument "
                + "catalog and the withdrawal limits need their lookup tables and the events they append in one "
                + "database transaction, which Axon Server's event store does not join.",
                "Set " + ENABLED + "=false (TANDEM_AXONSERVER_ENABLED=false) to keep the events in the "
                        + "application's database (PostgreSQL with the 'distributed' profile).");
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
