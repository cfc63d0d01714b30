package io.tandem.projection.support;

import java.util.List;

/**
 * A batch of events would have moved a projection past an event it never got: the aggregate's head
 * is at {@code head} but the batch continues at {@code next}, so the events in between are missing.
 * Thrown while the batch is sent, before any document is written, so the batch rolls back and the
 * processor retries it (see {@link AggregateStreams}).
 */
public class StreamGapException extends IllegalStateException {

    /** The events {@code head + 1 .. next - 1} of {@code aggregateId} are missing ({@code head} -1: none handled yet). */
    public record Gap(String aggregateId, long head, long next) {

        @Override
        public String toString() {
            return aggregateId + " (handled up to " + head + ", next is " + next + ")";
        }
    }

    private final transient List<Gap> gaps;

    StreamGapException(String projection, List<Gap> gaps) {
        super(projection + ": events missing before this batch for " + gaps
                + "; the batch is not applied and will be retried until they arrive");
        this.gaps = List.copyOf(gaps);
    }

    public List<Gap> gaps() {
        return gaps;
    }
}
