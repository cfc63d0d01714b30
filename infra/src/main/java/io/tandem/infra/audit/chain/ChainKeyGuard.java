package io.tandem.infra.audit.chain;

import io.tandem.infra.startup.StartupRefusal;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import java.nio.charset.StandardCharsets;

/**
 * Refuses to start without a usable checkpoint sealing key where a key file would be wrong. On the
 * {@code distributed} profile every node seals checkpoints of the same chain, so the key must be the
 * configured, shared {@code tandem.audit.chain.key} ({@code TANDEM_AUDIT_CHAIN_KEY}): a missing, empty
 * or blank value would otherwise fall back to a key file generated on each node, and the nodes would
 * seal with different keys (a verification on one node would report the others' checkpoints as
 * forged). The embedded profile keeps the key file fallback. On every profile a configured key shorter
 * than 32 bytes (as UTF-8) is refused: HMAC-SHA256 needs 256 bits.
 */
public class ChainKeyGuard implements ApplicationListener<ApplicationPreparedEvent>, Ordered {

    static final String DISTRIBUTED_PROFILE = "distributed";
    static final String VARIABLE = "TANDEM_AUDIT_CHAIN_KEY";
    static final int KEY_BYTES = 32;

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        check(event.getApplicationContext().getEnvironment());
    }

    static void check(Environment environment) {
        String key = configuredKey(environment);
        if (key == null || key.isBlank()) {
            if (environment.acceptsProfiles(Profiles.of(DISTRIBUTED_PROFILE))) {
                throw new StartupRefusal("The event chain's sealing key " + ChainKey.PROPERTY + " is "
                        + (key == null ? "not set" : "empty") + " on the '" + DISTRIBUTED_PROFILE + "' profile: each node "
                        + "would fall back to a key file of its own (<data-dir>/" + ChainKey.KEY_FILE + ") and seal "
                        + "checkpoints with a different key.",
                        "Set " + ChainKey.PROPERTY + " (" + VARIABLE + ") to the same secret of at least " + KEY_BYTES
                                + " bytes on every node, kept outside the database.");
            }
            return;
        }
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < KEY_BYTES) {
            throw new StartupRefusal("The event chain's sealing key " + ChainKey.PROPERTY + " is " + bytes
                    + " bytes long: an HMAC-SHA256 key must be at least " + KEY_BYTES + " bytes (256 bits).",
                    "Set " + ChainKey.PROPERTY + " (" + VARIABLE + ") to a secret of at least " + KEY_BYTES
                            + " bytes as UTF-8.");
        }
    }

    /** The configured key, or null when it is absent or names an environment variable that is not set. */
    private static String configuredKey(Environment environment) {
        try {
            return environment.getProperty(ChainKey.PROPERTY);
        } catch (IllegalArgumentException unresolvedPlaceholder) {
            return null;
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
