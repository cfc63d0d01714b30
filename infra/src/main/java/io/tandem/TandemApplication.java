package io.tandem;

import io.tandem.infra.audit.AuditCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.util.Arrays;

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
 * <p>
 * {@code java -jar tandem.jar audit <command> ...} runs the audit command line instead of the server
 * ({@link AuditCommandLine}: its own small context over the same stores) and exits with its status.
 */
@SpringBootApplication
public class TandemApplication {

    static final String UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";
    static final String AUDIT = "audit";

    public static void main(String[] args) {
        if (args.length > 0 && AUDIT.equals(args[0])) {
            System.exit(AuditCommandLine.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (System.getProperty(UPDATE_CHECKER_DISABLED) == null && System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
            System.setProperty(UPDATE_CHECKER_DISABLED, "true");
        }
        SpringApplication.run(TandemApplication.class, args);
    }
}
