package io.tandem.infra.payment;

import io.tandem.infra.startup.StartupRefusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Keeps the simulated payment provider out of production. The simulator credits deposits that no
 * bank ever paid, so outside the local, embedded shape (the {@code distributed} profile, or any
 * profile set without {@code embedded}, e.g. a deployment's own {@code prod}) the application
 * refuses to start while {@code tandem.payments.simulator.enabled=true}, unless
 * {@code tandem.payments.simulator.allow-in-production=true} says that this is a test deployment;
 * then every start logs a warning. The simulator itself is off unless enabled: only the
 * {@code embedded} profile (the default one, {@code application-embedded.yml}) enables it.
 */
public class SimulatorProductionGuard implements ApplicationListener<ApplicationPreparedEvent>, Ordered {

    static final String PRODUCTION_PROFILE = "distributed";
    static final String EMBEDDED_PROFILE = "embedded";
    static final String ENABLED = "tandem.payments.simulator.enabled";
    static final String ALLOW_IN_PRODUCTION = "tandem.payments.simulator.allow-in-production";

    private static final Logger log = LoggerFactory.getLogger(SimulatorProductionGuard.class);

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        ConfigurableEnvironment environment = event.getApplicationContext().getEnvironment();
        boolean production = environment.acceptsProfiles(Profiles.of(PRODUCTION_PROFILE))
                || !environment.acceptsProfiles(Profiles.of(EMBEDDED_PROFILE));
        if (!production || !environment.getProperty(ENABLED, Boolean.class, false)) {
            return;
        }
        String profiles = String.join(",", environment.getActiveProfiles());
        if (!environment.getProperty(ALLOW_IN_PRODUCTION, Boolean.class, false)) {
            throw new StartupRefusal("The simulated payment provider is enabled (" + ENABLED + "=true) with the profiles ["
                    + profiles + "], which are not the local '" + EMBEDDED_PROFILE + "' shape: it confirms deposits that no bank paid.",
                    "Set " + ENABLED + "=false (TANDEM_SIMULATOR_ENABLED=false) and configure a real provider, or set "
                            + ALLOW_IN_PRODUCTION + "=true if this deployment really is a test system.");
        }
        log.warn("The simulated payment provider runs with the profiles [" + profiles + "] ("
                + ALLOW_IN_PRODUCTION + "=true): deposits through it are credited without any real payment.");
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
