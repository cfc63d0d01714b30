package io.tandem.infra.security;

import io.tandem.infra.startup.StartupRefusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * Keeps the dev token endpoint ({@link DevTokenController}, any user, any role, no login) reachable
 * from this machine only. While {@code tandem.security.dev-tokens-enabled=true}:
 * <ul>
 *   <li>without a {@code server.address} the server listens on {@value #LOOPBACK} only (a property
 *       source of the lowest precedence, so any configured address wins);</li>
 *   <li>with a {@code server.address} that is not a loopback address the application refuses to
 *       start, unless {@value #ALLOW_REMOTE}{@code =true} says that handing out tokens to the network
 *       is really wanted; then every start logs a warning.</li>
 * </ul>
 * A hostname is resolved once here; one that does not resolve counts as not loopback.
 */
public class DevTokenBindingGuard implements ApplicationListener<ApplicationPreparedEvent>, Ordered {

    static final String ENABLED = "tandem.security.dev-tokens-enabled";
    static final String ALLOW_REMOTE = "tandem.security.dev-tokens-allow-remote";
    static final String SERVER_ADDRESS = "server.address";
    static final String LOOPBACK = "127.0.0.1";
    static final String PROPERTY_SOURCE = "tandemDevTokensLoopback";

    private static final Logger log = LoggerFactory.getLogger(DevTokenBindingGuard.class);

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        ConfigurableEnvironment environment = event.getApplicationContext().getEnvironment();
        if (!environment.getProperty(ENABLED, Boolean.class, false)) {
            return;
        }
        String address = environment.getProperty(SERVER_ADDRESS);
        if (address == null || address.isBlank()) {
            environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, Map.of(SERVER_ADDRESS, LOOPBACK)));
            return;
        }
        if (isLoopback(address)) {
            return;
        }
        if (!environment.getProperty(ALLOW_REMOTE, Boolean.class, false)) {
            throw new StartupRefusal("Dev tokens are enabled (" + ENABLED + "=true) and the server would listen on "
                    + SERVER_ADDRESS + "=" + address + ", which is not a loopback address: anyone who reaches it could "
                    + "mint an ADMIN token.",
                    "Set " + ENABLED + "=false and configure " + "tandem.security.jwt-secret (or an identity provider), "
                            + "remove " + SERVER_ADDRESS + " to listen on " + LOOPBACK + " only, or set "
                            + ALLOW_REMOTE + "=true if that is really wanted.");
        }
        log.warn("Dev tokens are enabled and the server listens on " + address + " (" + ALLOW_REMOTE
                + "=true): anyone who reaches it can mint a token with any role.");
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address.trim()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
