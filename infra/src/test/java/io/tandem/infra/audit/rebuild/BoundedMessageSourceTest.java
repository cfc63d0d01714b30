package io.tandem.infra.audit.rebuild;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The shadow's read rate over Axon's event store (in memory): no burst after an idle spell, none at all once unthrottled. */
class BoundedMessageSourceTest {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void aStreamThatWaitedSavesUpAtMostOneSecondOfItsRate() throws InterruptedException {
        BoundedMessageSource source = new BoundedMessageSource(store, store::createHeadToken, 10);
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            // two seconds with nothing to read
            assertThat(stream.hasNextAvailable(2, TimeUnit.SECONDS)).isFalse();
            publish(30);
            long started = System.nanoTime();
            for (int i = 0; i < 30; i++) {
                stream.nextAvailable();
            }
            // a second of saved rate (10 events) goes at once, the other 20 at 10 a second: 2 s. Had the idle spell
            // been saved up whole, 20 would go at once and the whole in 1 s
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1800));
        }
    }

    @Test
    void anUnthrottledStreamIsNoLongerHeldBack() throws InterruptedException {
        BoundedMessageSource source = new BoundedMessageSource(store, store::createHeadToken, 1);
        publish(20);
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            // whatever the rate lets through in half a second (or longer, on a loaded machine: the bound grows with it)
            int delivered = 0;
            long window = System.nanoTime();
            do {
                if (stream.hasNextAvailable(50, TimeUnit.MILLISECONDS)) {
                    stream.nextAvailable();
                    delivered++;
                }
            } while (System.nanoTime() - window < 500_000_000L);
            long waited = System.nanoTime() - window;
            // at 1 a second with at most a second saved up, n events take at least n - 2 seconds from the first to
            // the last: at most 2 + the whole seconds waited, of 20 that are there
            assertThat(delivered).as("events the rate let through in %d ms", waited / 1_000_000)
                    .isBetween(1, 2 + (int) (waited / 1_000_000_000L));
            source.unthrottle();
            long started = System.nanoTime();
            for (int i = delivered; i < 20; i++) {
                stream.nextAvailable();
            }
            // at the rate the others would take 17 s or more
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }

    private void publish(int count) {
        for (int i = 0; i < count; i++) {
            store.publish(GenericEventMessage.asEventMessage("event " + i));
        }
    }
}
