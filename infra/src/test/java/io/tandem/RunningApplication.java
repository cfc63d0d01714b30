package io.tandem;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one running application the guard tests ({@link AuthorizationMatrixEndToEndTest},
 * {@link FuzzEndToEndTest}) share: both extend this class without adding configuration, so
 * Spring's test context cache starts it once for both. Its data directory lives under
 * {@code target/} rather than in a JUnit temporary directory, because the context outlives each
 * test class (it is closed when the test JVM exits), and a per-class temporary directory would be
 * deleted under it.
 * <p>
 * The webhook secret is fixed so the tests can sign genuine provider notices.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class RunningApplication {

    static final String WEBHOOK_SECRET = "guard-tests-simulator-webhook-secret-32b";
    private static final Path DATA_DIR = dataDir();

    @DynamicPropertySource
    static void sharedApplication(DynamicPropertyRegistry registry) {
        registry.add("tandem.data-dir", DATA_DIR::toString);
        registry.add("tandem.payments.simulator.webhook-secret", () -> WEBHOOK_SECRET);
        // The guard tests set up each row's resources as the same few users, many social writes a second;
        // the social limit itself is SocialRateLimitTest's.
        registry.add("tandem.rate-limits.social.limit-for-period", () -> "1000");
        // Likewise copy writes (the copy trading test starts, pauses and stops copies back to back);
        // the copy limit's mechanics are the social limit's.
        registry.add("tandem.rate-limits.copy.limit-for-period", () -> "1000");
    }

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    private static Path dataDir() {
        try {
            Path target = Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(target, "guard-tests-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
