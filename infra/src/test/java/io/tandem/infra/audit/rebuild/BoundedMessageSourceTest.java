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
            stream.nextAvailable();
            assertThat(stream.hasNextAvailable(300, TimeUnit.MILLISECONDS)).as("the next one is held back by the rate").isFalse();
            source.unthrottle();
            long started = System.nanoTime();
            for (int i = 1; i < 20; i++) {
                stream.nextAvailable();
            }
            // at the rate the other 19 would take 19 s
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }

    private void publish(int count) {
        for (int i = 0; i < count; i++) {
            store.publish(GenericEventMessage.asEventMessage("event " + i));
        }
    }
}
