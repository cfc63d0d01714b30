package io.tandem.infra.audit.chain;

import io.tandem.infra.audit.Progress;
import io.tandem.infra.config.TandemProperties;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code audit verify chain}: recomputes the event chain from the event table and compares it with the chain
 * tables, then the checkpoints and their seals. It walks both tables side by side in global order, a batch of
 * each at a time (memory does not grow with the log), up to the chain head as it was when the check started,
 * and only reads, so it runs against a live server's database as well as with the server stopped:
 * <ul>
 *   <li>an event whose hash differs from its chain row: {@code ALTERED};</li>
 *   <li>a chain row without its event, or a chained event whose predecessor in its stream is not chained:
 *       {@code REMOVED};</li>
 *   <li>an event at or below the chain head without a chain row (the chain passed its index as a hole for good):
 *       {@code INSERTED};</li>
 *   <li>chain rows that do not add up to their checkpoint, checkpoints out of order, or a seal that does not
 *       match: {@code CHECKPOINT_MISMATCH}.</li>
 * </ul>
 * Each event is hashed onto its predecessor's hash as stored in the chain, so one altered event is reported
 * once, not again for every later event of its stream. Events after the chain head are counted, not checked:
 * the server chains them within seconds; {@link ChainWriter#catchUp} chains them with the server stopped.
 * <p>
 * What the seals protect: event hashes are plain SHA-256, so someone able to write the database could alter an
 * event and its chain row alike, but could not seal the checkpoint over it without the key, which is not in the
 * database. Rows after the last checkpoint are protected by their hashes only until the next checkpoint (at most
 * {@code tandem.audit.chain.checkpoint-interval}), and removing the newest events together with their chain rows
 * and checkpoints cannot be told from a log that ended earlier: each checkpoint's seal is logged when sealed,
 * so a log kept elsewhere shows how far the chain reached.
 */
public class ChainVerification {

    private final JdbcTemplate jdbc;
    private final ChainProperties properties;
    private final TandemProperties tandem;

    public ChainVerification(DataSource dataSource, ChainProperties properties, TandemProperties tandem) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.properties = properties;
        this.tandem = tandem;
    }

    /**
     * @throws IllegalStateException when checkpoints exist but the key is not available (neither configured nor in
     *                               the data directory): they cannot be checked, which is not a clean result
     */
    public ChainReport verify(Progress progress) {
        long started = System.currentTimeMillis();
        if (!ChainTables.exist(jdbc)) {
            Problems missing = new Problems();
            stalled(ChainWriter.NOTHING, missing);
            return new ChainReport(0, null, 0, null, 0, countEvents(ChainWriter.NOTHING), null, missing.first(),
                    missing.counts(), System.currentTimeMillis() - started);
        }
        Optional<Checkpoint> last = ChainTables.lastCheckpoint(jdbc);
        long head = Math.max(ChainTables.head(jdbc).orElse(ChainWriter.NOTHING), last.map(Checkpoint::upTo).orElse(ChainWriter.NOTHING));
        Optional<ChainKey> key = ChainKey.forChecking(properties, tandem);
        if (last.isPresent() && key.isEmpty()) {
            throw new IllegalStateException("the chain's checkpoints cannot be checked without its key: set "
                    + ChainKey.PROPERTY + " or run with the data directory that holds " + ChainKey.KEY_FILE);
        }
        Long rows = jdbc.queryForObject("select count(*) from event_chain where global_index <= ?", Long.class, head);
        progress.phase("checking chain", rows == null ? -1 : rows);
        Walk walk = new Walk(key.orElse(null), head);
        walk.run(progress);
        stalled(head, walk.problems);
        long unsealed = countChainRows(walk.checkpoints.sealedUpTo() == null ? ChainWriter.NOTHING : walk.checkpoints.sealedUpTo(), head);
        return new ChainReport(walk.eventsChecked, head == ChainWriter.NOTHING ? null : head, walk.checkpoints.checked(),
                walk.checkpoints.sealedUpTo(), unsealed, countEvents(head), key.map(ChainKey::id).orElse(null),
                walk.problems.first(), walk.problems.counts(), System.currentTimeMillis() - started);
    }

    /**
     * The chainer passes an event at most a gap timeout after it was written, plus its interval and a checkpoint
     * interval; an unchained event older than that (and a minute more) means the chain stopped or was wiped.
     */
    private void stalled(long head, Problems problems) {
        List<Object[]> first = jdbc.query("select global_index, aggregate_identifier, sequence_number, time_stamp"
                        + " from domain_event_entry where global_index > ? order by global_index limit 1",
                (rs, n) -> new Object[]{rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)}, head);
        if (first.isEmpty() || first.get(0)[3] == null) {
            return;
        }
        java.time.Duration allowed = properties.gapTimeout().plus(properties.interval()).plus(properties.checkpointInterval())
                .plus(java.time.Duration.ofMinutes(1));
        java.time.Instant written;
        try {
            written = java.time.Instant.parse((String) first.get(0)[3]);
        } catch (java.time.format.DateTimeParseException e) {
            return;
        }
        if (written.plus(allowed).isBefore(java.time.Instant.now())) {
            problems.add(ChainProblem.Kind.STALLED, (Long) first.get(0)[0], (String) first.get(0)[1], (Long) first.get(0)[2],
                    "written at " + written + " and still not chained (allowed: " + allowed.toSeconds() + " s); the chainer is"
                            + " not running or the chain was wiped; with the server stopped, verify chain --catch-up chains it");
        }
    }

    private long countEvents(long after) {
        Long count = jdbc.queryForObject("select count(*) from domain_event_entry where global_index > ?", Long.class, after);
        return count == null ? 0 : count;
    }

    private long countChainRows(long after, long upTo) {
        Long count = jdbc.queryForObject("select count(*) from event_chain where global_index > ? and global_index <= ?",
                Long.class, after, upTo);
        return count == null ? 0 : count;
    }

    private record ChainRow(long globalIndex, String aggregateIdentifier, long sequenceNumber, byte[] hash) {
    }

    /** One run over both tables. */
    private final class Walk {

        private final long head;
        private final Problems problems = new Problems();
        private final CheckpointCheck checkpoints;
        private final StreamHeads heads = new StreamHeads(jdbc, properties.streamCacheSize());
        private final EventHasher hasher = new EventHasher();
        private long eventsChecked;
        private long rowsChecked;

        Walk(ChainKey key, long head) {
            this.head = head;
            this.checkpoints = new CheckpointCheck(jdbc, key, head, problems);
        }

        void run(Progress progress) {
            int batch = properties.batchSize();
            long cursor = ChainWriter.NOTHING;
            while (cursor < head) {
                List<StoredEvent> events = jdbc.query("select " + StoredEvent.COLUMNS + " from domain_event_entry"
                        + " where global_index > ? and global_index <= ? order by global_index limit ?",
                        StoredEvent.MAPPER, cursor, head, batch);
                List<ChainRow> chain = jdbc.query("select global_index, aggregate_identifier, sequence_number, event_hash"
                                + " from event_chain where global_index > ? and global_index <= ? order by global_index limit ?",
                        (rs, n) -> new ChainRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getBytes(4)),
                        cursor, head, batch);
                long bound = head;
                if (events.size() == batch) {
                    bound = Math.min(bound, events.get(batch - 1).globalIndex());
                }
                if (chain.size() == batch) {
                    bound = Math.min(bound, chain.get(batch - 1).globalIndex());
                }
                merge(events, chain, bound);
                cursor = bound;
                progress.done(rowsChecked);
            }
            checkpoints.finish();
        }

        private void merge(List<StoredEvent> events, List<ChainRow> chain, long bound) {
            int e = 0;
            int c = 0;
            while (true) {
                StoredEvent event = e < events.size() && events.get(e).globalIndex() <= bound ? events.get(e) : null;
                ChainRow row = c < chain.size() && chain.get(c).globalIndex() <= bound ? chain.get(c) : null;
                if (event == null && row == null) {
                    return;
                }
                if (row == null || (event != null && event.globalIndex() < row.globalIndex())) {
                    inserted(event);
                    e++;
                } else if (event == null || row.globalIndex() < event.globalIndex()) {
                    removed(row);
                    c++;
                } else {
                    matched(event, row);
                    e++;
                    c++;
                }
            }
        }

        private void matched(StoredEvent event, ChainRow row) {
            eventsChecked++;
            byte[] previous = heads.previous(row.aggregateIdentifier(), row.sequenceNumber(), row.globalIndex());
            if (previous == null) {
                problems.add(ChainProblem.Kind.REMOVED, null, row.aggregateIdentifier(), row.sequenceNumber() - 1,
                        "missing from its stream: the event after it (global index " + row.globalIndex()
                                + ") has no chained predecessor");
            }
            byte[] computed = hasher.hash(previous == null ? EventHasher.NO_PREVIOUS : previous, event);
            // Without its predecessor an event is comparable only if it was chained as its stream's first.
            if (!Arrays.equals(computed, row.hash()) && previous != null) {
                boolean moved = !row.aggregateIdentifier().equals(event.aggregateIdentifier())
                        || row.sequenceNumber() != event.sequenceNumber();
                problems.add(ChainProblem.Kind.ALTERED, event.globalIndex(), row.aggregateIdentifier(), row.sequenceNumber(),
                        moved ? "the event there now is aggregate " + event.aggregateIdentifier() + " sequence "
                                + event.sequenceNumber() : "the stored event no longer matches its chained hash");
            }
            chained(row);
        }

        private void inserted(StoredEvent event) {
            eventsChecked++;
            problems.add(ChainProblem.Kind.INSERTED, event.globalIndex(), event.aggregateIdentifier(), event.sequenceNumber(),
                    "an event without a chain row below the chain head (the chain had passed this index as empty)");
        }

        private void removed(ChainRow row) {
            problems.add(ChainProblem.Kind.REMOVED, row.globalIndex(), row.aggregateIdentifier(), row.sequenceNumber(),
                    "a chained event is no longer in the event table");
            chained(row);
        }

        private void chained(ChainRow row) {
            rowsChecked++;
            heads.chained(row.aggregateIdentifier(), row.sequenceNumber(), row.globalIndex(), row.hash());
            checkpoints.row(row.globalIndex(), row.hash());
        }
    }
}
