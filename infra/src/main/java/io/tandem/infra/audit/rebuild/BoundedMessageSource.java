package io.tandem.infra.audit.rebuild;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The event store as a shadow sees it when it must not get ahead of a live processor: only events the
 * limit token covers (the live processor's position, read again at every step) are delivered; the
 * stream waits at the first event past it, and an event below it that the limit does not cover (one
 * the live processor still waits for behind a gap) is passed over. A shadow over this source therefore
 * ends at exactly the live processor's position, which is what read-model verification compares at.
 * <p>
 * With a rate ({@code tandem.rebuild.max-events-per-second}) the stream also holds each event back
 * until delivering it keeps every stream opened here at or below that many events per second. A stream
 * that waited (at the limit, or at the head) saves up at most {@link #BURST} of unused rate, so it does
 * not then deliver a long burst at full speed. {@link #unthrottle()} lifts the rate for good: the last
 * catch-up, while the live processor waits for the shadow, is not held back.
 */
final class BoundedMessageSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final StreamableMessageSource<TrackedEventMessage<?>> source;
    private final Supplier<TrackingToken> limit;
    /** How much unused rate a stream may save up while it waits. */
    static final Duration BURST = Duration.ofSeconds(1);

    private final long eventsPerSecond;
    private volatile boolean unthrottled;

    /** {@code eventsPerSecond}: at most that many events delivered per second by each stream; 0 for no limit. */
    BoundedMessageSource(StreamableMessageSource<TrackedEventMessage<?>> source, Supplier<TrackingToken> limit,
                         long eventsPerSecond) {
        this.source = source;
        this.limit = limit;
        this.eventsPerSecond = eventsPerSecond;
    }

    /** Delivers every event as soon as the limit covers it, from now on. */
    void unthrottle() {
        unthrottled = true;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new Bounded(source.openStream(trackingToken));
    }

    @Override
    public TrackingToken createTailToken() {
        return source.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return source.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return source.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return source.createTokenSince(duration);
    }

    private final class Bounded implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> stream;
        /** When (System.nanoTime) the next event may be delivered within the rate. */
        private long allowedAt = System.nanoTime();

        Bounded(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        /** Whether delivering one more event now keeps the stream within its rate. */
        private boolean withinRate() {
            return eventsPerSecond <= 0 || unthrottled || System.nanoTime() - allowedAt >= 0;
        }

        /** True when the next event is there and may be delivered; passes over events behind a gap of the limit. */
        private boolean ready() {
            if (!withinRate()) {
                return false;
            }
            while (true) {
                Optional<TrackedEventMessage<?>> next = stream.peek();
                TrackingToken bound = limit.get();
                if (next.isEmpty() || bound == null) {
                    return false;
                }
                TrackingToken token = next.get().trackingToken();
                if (bound.covers(token)) {
                    return true;
                }
                if (token.position().orElse(Long.MAX_VALUE) > bound.position().orElse(-1)) {
                    return false;
                }
                try {
                    stream.nextAvailable();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return ready() ? stream.peek() : Optional.empty();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (ready()) {
                return true;
            }
            if (stream.peek().isPresent()) {
                unit.sleep(Math.min(timeout, unit.convert(100, TimeUnit.MILLISECONDS)));
                return ready();
            }
            return stream.hasNextAvailable(timeout, unit) && ready();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(100, TimeUnit.MILLISECONDS)) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
            }
            if (eventsPerSecond > 0) {
                // the next one is due one period after this one, or after when this one was due if the stream is
                // behind its rate: by at most BURST, so a stream that waited long catches up at the rate, not at once
                long now = System.nanoTime();
                allowedAt = Math.max(allowedAt, now - BURST.toNanos()) + 1_000_000_000L / eventsPerSecond;
            }
            return stream.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return stream.setOnAvailableCallback(callback);
        }

        @Override
        public void close() {
            stream.close();
        }
    }
}
