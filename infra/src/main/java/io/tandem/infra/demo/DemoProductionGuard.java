package io.tandem.infra.demo;

import io.tandem.infra.startup.StartupRefusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Keeps the demo market out of production. The demo opens accounts, deposits money through the
 * payment simulator and trades on its own, so outside the local, embedded shape (the
 * {@code distributed} profile, or any profile set without {@code embedded}) the application refuses
 * to start while {@code tandem.demo=true}, unless {@code tandem.demo.allow-in-production=true} says
 * that this is a test system; then every start logs a warning. Like the simulator's guard it runs once
 * the context is prepared, before any database, event store or server is touched.
 */
public class DemoProductionGuard implements ApplicationListener<ApplicationPreparedEvent>, Ordered {

    static final String SWITCH = "tandem.demo";
    static final String ALLOW_IN_PRODUCTION = "tandem.demo.allow-in-production";
    private static final String PRODUCTION_PROFILE = "distributed";
    private static final String EMBEDDED_PROFILE = "embedded";

    private static final Logger log = LoggerFactory.getLogger(DemoProductionGuard.class);

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        check(event.getApplicationContext().getEnvironment());
    }

    static void check(ConfigurableEnvironment environment) {
        if (!environment.getProperty(SWITCH, Boolean.class, false)) {
            return;
        }
        boolean production = environment.acceptsProfiles(Profiles.of(PRODUCTION_PROFILE))
                || !environment.acceptsProfiles(Profiles.of(EMBEDDED_PROFILE));
        if (!production) {
            return;
        }
        String profiles = String.join(",", environment.getActiveProfiles());
        if (!environment.getProperty(ALLOW_IN_PRODUCTION, Boolean.class, false)) {
            throw new StartupRefusal("The demo market is on (" + SWITCH + "=true) with the profiles [" + profiles
                    + "], which are not the local '" + EMBEDDED_PROFILE + "' shape: it opens accounts, deposits money and"
                    + " trades on its own.",
                    "Remove " + SWITCH + "=true, or set " + ALLOW_IN_PRODUCTION + "=true if this deployment really is a test system.");
        }
        log.warn("The demo market runs with the profiles [" + profiles + "] (" + ALLOW_IN_PRODUCTION
                + "=true): simulated users trade on this deployment.");
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
