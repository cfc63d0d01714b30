package io.tandem.distributed;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Objects;

/**
 * Starts {@link DistributedStores} once before a test class and stops them once after it, around the
 * class's Spring application context. Declare it <em>before</em> {@code @SpringBootTest} on the class:
 * JUnit then runs its before-all first and its after-all last, so the stores are up when
 * {@code @DynamicPropertySource} hands their addresses to the context, and still up while
 * {@code @DirtiesContext} closes that context (whose event processors, scheduler and connection pool
 * still talk to them on the way down).
 */
public final class DistributedStoresExtension implements BeforeAllCallback, AfterAllCallback {

    private static DistributedStores running;

    /** The stores of the test class now running. */
    public static DistributedStores stores() {
        return Objects.requireNonNull(running, "DistributedStoresExtension is not registered on this test class");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        running = DistributedStores.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            running.close();
        } finally {
            running = null;
        }
    }
}
