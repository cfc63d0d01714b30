package io.tandem.infra.config;

import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every event processor's error handler: remembers the last failed batch of each processor, then fails
 * the batch as Axon's {@link PropagatingErrorHandler} does (so it is retried, see
 * {@link EventProcessorDefaults}).
 * <p>
 * The pooled streaming processor marks a segment in error only for the moment between the failure and
 * the release of its claim, so its processing status rarely shows why a processor stands still. A tool
 * that waits for a processor (the in-place rebuild) reads the reason here instead.
 */
@Component
public class ProcessorFailures implements ErrorHandler {

    /** One failed batch: what failed it and when ({@link System#nanoTime()}). */
    public record Failure(Throwable error, long atNanos) {
    }

    private final Map<String, Failure> last = new ConcurrentHashMap<>();

    @Override
    public void handleError(ErrorContext errorContext) throws Exception {
        last.put(errorContext.eventProcessor(), new Failure(errorContext.error(), System.nanoTime()));
        PropagatingErrorHandler.instance().handleError(errorContext);
    }

    /** The last failure of {@code processor} at or after {@code sinceNanos} ({@link System#nanoTime()}), if any. */
    public Optional<Failure> since(String processor, long sinceNanos) {
        Failure failure = last.get(processor);
        return failure != null && failure.atNanos() - sinceNanos >= 0 ? Optional.of(failure) : Optional.empty();
    }
}
