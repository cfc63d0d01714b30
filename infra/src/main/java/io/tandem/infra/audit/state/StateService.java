package io.tandem.infra.audit.state;

import io.tandem.infra.audit.AuditRefusal;
import io.tandem.infra.audit.Progress;
import io.tandem.infra.audit.history.HistoryEvent;
import io.tandem.infra.audit.history.HistoryService;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code state}: an aggregate folded up to a sequence number or a time.
 * <p>
 * Why the projections' own projectors (over an in-memory read-model database) rather than the
 * aggregate classes: the question is "what did the account look like", and the answer should look
 * exactly like what the account's owner saw, the {@code account} and {@code orderBook} read models,
 * with their rules for what counts when (a deposit once credited, a withdrawal reserved until paid
 * out, settlements drawing on reservations). Running the read model's projector and query handler
 * gives that shape and those rules by construction and cannot drift from them, whereas event-sourcing
 * the aggregate would give its internal fields (matching-engine structures, snapshot layouts) that no
 * client ever sees. The price is that it shows the read model's view, which is also what the
 * read-model audit compares against.
 */
@Service
public class StateService {

    static final String ACCOUNT = "Account";
    static final String ORDER_BOOK = "OrderBook";

    private final HistoryService history;

    public StateService(HistoryService history) {
        this.history = history;
    }

    /**
     * The state after the events up to {@code sequence}, or up to {@code at} (inclusive): exactly one of them.
     *
     * @throws IllegalArgumentException when neither or both are given, or the sequence is negative
     * @throws AuditRefusal             when the aggregate has no event
     */
    /** The events an answer lists: the last ones up to the point (a book may have millions; the fold takes them all). */
    static final int LISTED_EVENTS = 1_000;

    public AggregateState state(String aggregateId, Instant at, Long sequence, Progress progress) {
        if ((at == null) == (sequence == null)) {
            throw new IllegalArgumentException("exactly one of --at (a time) and --seq (a sequence number) is required");
        }
        if (sequence != null && sequence < 0) {
            throw new IllegalArgumentException("--seq must be 0 or more, not " + sequence);
        }
        HistoryEvent first = history.event(aggregateId, 0).orElse(null);
        if (first == null && !history.exists(aggregateId)) {
            throw AuditRefusal.unknownAggregate(aggregateId);
        }
        String type = first != null ? first.aggregateType() : null;
        java.util.ArrayDeque<AggregateState.EventLine> lines = new java.util.ArrayDeque<>();
        long[] folded = {0};
        HistoryEvent[] last = {null};
        progress.phase("folding " + aggregateId, sequence == null ? 0 : sequence + 1);
        try (StateFold fold = foldFor(type, aggregateId)) {
            history.forEach(aggregateId, null, at, sequence, event -> {
                fold.apply(event, history.message(event));
                if (lines.size() == LISTED_EVENTS) {
                    lines.removeFirst();
                }
                lines.addLast(new AggregateState.EventLine(event.globalIndex(), event.sequenceNumber(), event.timestamp(),
                        event.payloadType(), event.who()));
                last[0] = event;
                progress.done(++folded[0]);
            });
            if (type == null && last[0] != null) {
                type = last[0].aggregateType();
            }
            String note = note(sequence, at, last[0]);
            if (folded[0] > LISTED_EVENTS) {
                String unlisted = "the state folds all " + folded[0] + " events; the last " + LISTED_EVENTS
                        + " are listed (audit history has every one)";
                note = note == null ? unlisted : note + "; " + unlisted;
            }
            return new AggregateState(aggregateId, type, sequence, at, last[0] == null ? -1 : last[0].sequenceNumber(),
                    last[0] == null ? null : last[0].timestamp(), note, last[0] == null ? null : fold.state(), List.copyOf(lines));
        }
    }

    private String note(Long sequence, Instant at, HistoryEvent last) {
        if (last == null) {
            return "no event of the aggregate is at or before " + at + ": it did not exist yet";
        }
        if (sequence != null && last.sequenceNumber() < sequence) {
            return "sequence " + sequence + " is past the last event (" + last.sequenceNumber() + "): this is the latest state";
        }
        return null;
    }

    private StateFold foldFor(String type, String aggregateId) {
        if (ACCOUNT.equals(type)) {
            return new AccountFold(aggregateId, history);
        }
        if (ORDER_BOOK.equals(type)) {
            return new OrderBookFold(aggregateId);
        }
        return new GenericFold();
    }
}
