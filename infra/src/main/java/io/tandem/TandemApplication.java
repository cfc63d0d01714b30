package io.tandem;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The one runnable jar. It lives in {@code io.tandem} so that component scanning and the default JPA
 * entity scan cover every module ({@code io.tandem.command}, {@code io.tandem.saga}, ...).
 * <p>
 * There is deliberately no {@code @EntityScan} here: Axon registers its own entity packages (token,
 * saga, event and snapshot entries) as auto-configuration packages, and an explicit
 * {@code @EntityScan} would replace that list instead of adding to it.
 * <p>
 * Axon's update checker, which reports to AxonIQ's servers, is off unless the operator turns it on
 * ({@code -Daxoniq.update-checker.disabled=false} or {@code AXONIQ_UPDATE_CHECKER_DISABLED=false}):
 * a trading backend should not call out to third parties without being asked to.
 */
@SpringBootApplication
public class TandemApplication {

    static final String UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";

    public static void main(String[] args) {
        if (System.getProperty(UPDATE_CHECKER_DISABLED) == null && System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
            System.setProperty(UPDATE_CHECKER_DISABLED, "true");
        }
        SpringApplication.run(TandemApplication.class, args);
    }
}
