package io.tandem.projection.support;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gaps projections are waiting on, for operators: a processor retrying a batch because an event
 * is missing ({@link AggregateStreams}) logs a warning the first time; once the same gap has been
 * open longer than {@link #reportAfter()} it logs an error naming the projection, the aggregate and
 * the missing sequence numbers, and it counts as {@linkplain #overdue() overdue} (the application's
 * health turns DOWN while any is). A gap closes, with an info line, when a batch of that aggregate
 * goes through. Process-wide, like the processors: one read-model store per application.
 */
public final class ProjectionGaps {

    private static final Logger log = LoggerFactory.getLogger(ProjectionGaps.class);

    private static final Map<Key, OpenGap> OPEN = new ConcurrentHashMap<>();
    private static volatile Duration reportAfter = Duration.ofMinutes(1);
    private static volatile Clock clock = Clock.systemUTC();

    private ProjectionGaps() {
    }

    /** A gap a projection has been waiting on since {@code since}; {@code projection} is its heads collection. */
    public record OpenGap(String projection, String aggregateId, long head, long next, Instant since, boolean reported) {
    }

    private record Key(String projection, String aggregateId) {
    }

    /** How long a gap may stay open before it is reported as an error. */
    public static Duration reportAfter() {
        return reportAfter;
    }

    public static void reportAfter(Duration wait) {
        reportAfter = Objects.requireNonNull(wait);
    }

    /** For tests: the clock that dates gaps. */
    public static void clock(Clock newClock) {
        clock = Objects.requireNonNull(newClock);
    }

    /** Every gap open now, oldest first. */
    public static List<OpenGap> open() {
        List<OpenGap> gaps = new ArrayList<>(OPEN.values());
        gaps.sort(Comparator.comparing(OpenGap::since));
        return gaps;
    }

    /** The gaps open for longer than {@link #reportAfter()}. */
    public static List<OpenGap> overdue() {
        Instant limit = clock.instant().minus(reportAfter);
        return open().stream().filter(gap -> gap.since().isBefore(limit)).toList();
    }

    /** Forgets every gap (tests, and a projection reset). */
    public static void clear() {
        OPEN.clear();
    }

    static StreamGapException detected(String projection, List<StreamGapException.Gap> gaps) {
        Instant now = clock.instant();
        for (StreamGapException.Gap gap : gaps) {
            Key key = new Key(projection, gap.aggregateId());
            OpenGap open = OPEN.compute(key, (k, existing) -> {
                if (existing == null || existing.head() != gap.head() || existing.next() != gap.next()) {
                    log.warn("{}: {} is missing events {}..{}; holding the batch back and retrying",
                            projection, gap.aggregateId(), gap.head() + 1, gap.next() - 1);
                    return new OpenGap(projection, gap.aggregateId(), gap.head(), gap.next(),
                            existing == null ? now : existing.since(), false);
                }
                return existing;
            });
            if (!open.reported() && !open.since().isAfter(now.minus(reportAfter))) {
                log.error("{}: {} has been missing events {}..{} since {}; the projection is stuck on this aggregate. "
                                + "If the events exist in the event store, reset the processing group to rebuild the read model",
                        projection, gap.aggregateId(), gap.head() + 1, gap.next() - 1, open.since());
                OPEN.computeIfPresent(key, (k, existing) -> new OpenGap(existing.projection(), existing.aggregateId(),
                        existing.head(), existing.next(), existing.since(), true));
            }
        }
        return new StreamGapException(projection, gaps);
    }

    static void closed(String projection, List<AggregateStreams.Run> runs) {
        if (OPEN.isEmpty()) {
            return;
        }
        for (AggregateStreams.Run run : runs) {
            OpenGap closed = OPEN.remove(new Key(projection, run.aggregateId));
            if (closed != null) {
                log.info("{}: the events {} was missing since {} arrived; the projection goes on",
                        projection, run.aggregateId, closed.since());
            }
        }
    }
}
