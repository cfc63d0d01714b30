package io.tandem.infra.audit.ledger;

import io.tandem.infra.audit.Progress;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code audit verify ledger}: DESIGN's conservation invariant computed from the event log alone,
 * never from a read model. All cash (available + reserved, fee account included) must equal admin
 * adjustments plus credited deposits minus debited withdrawals, and each instrument's positions its
 * issued supply, once what is in flight (a trade with some legs settled, a transfer with one half
 * booked) is counted as such. Beyond the totals it compares every settlement leg with its trade, every
 * fee run with its trades' platform credit, every transfer half with the other, every booked payment
 * with its confirmation and every reservation release with what the order held, and reports any
 * account whose available cash or position went below zero (see {@link LedgerFold}).
 * <p>
 * It reads the event store from the first event to the head it takes when it starts (events
 * appended meanwhile are left for the next run), straight from the {@link EventStorageEngine} where
 * there is one (it fetches in batches and upcasts; the embedded event store's stream would serve the
 * latest events from its in-memory cache rather than from what is stored), else through the
 * {@link EventStore}'s stream (Axon Server). Payloads of event types the fold does not read are never
 * deserialized. Memory is bounded by accounts x instruments and the work open in the log.
 */
@Component
public class LedgerVerification {

    /** How long the stream may stay silent before the head is reached; a store that stalls fails the run. */
    private static final long STALL_SECONDS = 60;
    private static final int PROGRESS_EVERY = 1024;

    private final EventStore eventStore;
    private final ObjectProvider<EventStorageEngine> storageEngine;

    public LedgerVerification(EventStore eventStore, ObjectProvider<EventStorageEngine> storageEngine) {
        this.eventStore = eventStore;
        this.storageEngine = storageEngine;
    }

    public LedgerReport verify(Progress progress) {
        LedgerFold fold = new LedgerFold();
        TrackingToken head = eventStore.createHeadToken();
        long headIndex = head == null ? -1 : head.position().orElse(-1);
        progress.phase("folding the ledger", headIndex + 1);
        if (headIndex < 0) {
            return fold.report(headIndex);
        }
        EventStorageEngine engine = storageEngine.getIfUnique();
        if (engine != null) {
            readStored(engine, headIndex, fold, progress);
        } else {
            readStream(headIndex, fold, progress);
        }
        progress.done(headIndex + 1);
        return fold.report(headIndex);
    }

    private static void readStored(EventStorageEngine engine, long headIndex, LedgerFold fold, Progress progress) {
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            long index = -1;
            while (index < headIndex && iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                index = event.trackingToken().position().orElse(index + 1);
                if (index > headIndex) {
                    break;
                }
                fold(fold, index, event, progress);
            }
            if (index < headIndex) {
                // A report over a prefix of the log would look like a clean one.
                throw new IllegalStateException("the event store's stream ended at global index " + index
                        + ", before the head " + headIndex + " taken at the start");
            }
        }
    }

    private static void fold(LedgerFold fold, long index, TrackedEventMessage<?> event, Progress progress) {
        if (LedgerFold.READS.contains(event.getPayloadType())) {
            fold.fold(index, event.getPayload());
        } else {
            fold.skip();
        }
        if ((index & (PROGRESS_EVERY - 1)) == 0) {
            progress.done(index + 1);
        }
    }

    private void readStream(long headIndex, LedgerFold fold, Progress progress) {
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            long index = -1;
            while (index < headIndex) {
                if (!stream.hasNextAvailable((int) STALL_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the event store sent nothing for " + STALL_SECONDS
                            + " s at global index " + index + ", before the head " + headIndex);
                }
                TrackedEventMessage<?> event = stream.nextAvailable();
                index = event.trackingToken().position().orElse(index + 1);
                if (index > headIndex) {
                    break;
                }
                fold(fold, index, event, progress);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the event store", e);
        }
    }
}
