package io.tandem.infra.audit.chain;

import io.tandem.infra.audit.Progress;
import io.tandem.infra.config.TandemProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Appends the event chain: reads the events after the chain head in global order, a batch at a time,
 * hashes each onto its stream's previous hash ({@link EventHasher}), writes the chain rows in one batch
 * insert, and seals a checkpoint ({@link ChainKey}) when one is due. Each batch is one transaction that
 * first locks the {@code event_chain_lock} row, so servers sharing a database chain one at a time and
 * each batch starts from the head the previous one (of any node) left; the primary keys on the global
 * index and the checkpoint ordinal would refuse a second writer anyway.
 * <p>
 * The chain never passes a hole in the global index that may still fill: Axon takes an event's index
 * from a sequence when the event is written, so a transaction that took index 11 may commit after one
 * that took 12. A hole is passed (for good: an event that appears there later has no chain row and is
 * reported as inserted) once the event after it is older than {@link ChainProperties#gapTimeout()}.
 * <p>
 * Events written before the chain existed are chained by the first batches like any other, from the lowest
 * global index on. Order entry pays nothing for the chain: the server runs this off the request path
 * ({@link ChainBackground}), and the command line may call {@link #catchUp(Progress)} with the server stopped.
 */
public class ChainWriter {

    private static final Logger log = LoggerFactory.getLogger(ChainWriter.class);
    /** The chain head before anything is chained: every global index is above it. */
    static final long NOTHING = Long.MIN_VALUE;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ChainProperties properties;
    private final TandemProperties tandem;
    private final Clock clock;
    private final EventHasher hasher = new EventHasher();
    private final StreamHeads heads;
    private ChainKey key;
    private boolean tablesReady;
    /** Chain rows after the last checkpoint as this writer left them, valid while checkpoint and head are still its own. */
    private long pendingOrdinal = -1;
    private long pendingHead = NOTHING;
    private long pending;

    public ChainWriter(DataSource dataSource, PlatformTransactionManager transactionManager, ChainProperties properties,
                       TandemProperties tandem) {
        this(dataSource, transactionManager, properties, tandem, Clock.systemUTC());
    }

    /** @param clock compared with the events' own time stamps, which Axon takes from the system clock */
    ChainWriter(DataSource dataSource, PlatformTransactionManager transactionManager, ChainProperties properties,
                TandemProperties tandem, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.tandem = tandem;
        this.clock = clock;
        this.heads = new StreamHeads(jdbc, properties.streamCacheSize());
    }

    /** What one batch did. */
    record Batch(int chained, long head, boolean full, Long waitingFor, int sealed) {
    }

    /**
     * Chains everything that can be chained now and seals it with a checkpoint, for the command line with the
     * server stopped (the server does the same in the background). Stops before a hole in the global index that
     * may still fill.
     */
    public ChainCatchUp catchUp(Progress progress) {
        progress.phase("chaining events", -1);
        long chained = 0;
        int sealed = 0;
        Batch batch;
        do {
            batch = chainBatch(true);
            chained += batch.chained();
            sealed += batch.sealed();
            progress.done(chained);
        } while (batch.full());
        return new ChainCatchUp(chained, batch.head() == NOTHING ? null : batch.head(), sealed, batch.waitingFor());
    }

    /**
     * Chains the next batch in one transaction.
     *
     * @param sealTail seal whatever is chained and not sealed yet once caught up, instead of waiting until a
     *                 checkpoint is due
     */
    synchronized Batch chainBatch(boolean sealTail) {
        if (!tablesReady) {
            ChainTables.ensure(jdbc);
            tablesReady = true;
        }
        try {
            return transactions.execute(status -> chainInTransaction(sealTail));
        } catch (RuntimeException e) {
            // The rows cached for this batch were not written: forget them rather than trust them.
            heads.clear();
            pendingOrdinal = -1;
            throw e;
        }
    }

    private Batch chainInTransaction(boolean sealTail) {
        jdbc.queryForObject("select name from event_chain_lock where name = ? for update", String.class,
                ChainTables.LOCK_NAME);
        long head = ChainTables.head(jdbc).orElse(NOTHING);
        long headBefore = head;
        int batchSize = properties.batchSize();
        List<StoredEvent> events = jdbc.query("select " + StoredEvent.COLUMNS + " from domain_event_entry"
                + " where global_index > ? order by global_index limit ?", StoredEvent.MAPPER, head, batchSize);
        Instant settled = clock.instant().minus(properties.gapTimeout());
        long expected = head == NOTHING ? 1 : head + 1;
        List<Object[]> rows = new ArrayList<>(events.size());
        Long waitingFor = null;
        for (StoredEvent event : events) {
            if (event.globalIndex() > expected && mayStillFill(event, settled)) {
                waitingFor = expected;
                break;
            }
            byte[] previous = heads.previous(event.aggregateIdentifier(), event.sequenceNumber(), event.globalIndex());
            byte[] hash = hasher.hash(previous == null ? EventHasher.NO_PREVIOUS : previous, event);
            heads.chained(event.aggregateIdentifier(), event.sequenceNumber(), event.globalIndex(), hash);
            rows.add(new Object[]{event.globalIndex(), event.aggregateIdentifier(), event.sequenceNumber(), hash});
            expected = event.globalIndex() + 1;
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("insert into event_chain (global_index, aggregate_identifier, sequence_number, event_hash)"
                    + " values (?, ?, ?, ?)", rows);
            head = (long) rows.get(rows.size() - 1)[0];
        }
        boolean full = events.size() == batchSize && waitingFor == null;
        int sealed = sealIfDue(headBefore, rows.size(), head, !full, sealTail && !full) ? 1 : 0;
        return new Batch(rows.size(), head, full, waitingFor, sealed);
    }

    /** A hole before {@code next} may still fill while {@code next} is younger than the gap timeout. */
    private static boolean mayStillFill(StoredEvent next, Instant settled) {
        try {
            return Instant.parse(next.timeStamp()).isAfter(settled);
        } catch (DateTimeParseException | NullPointerException e) {
            return false;
        }
    }

    private boolean sealIfDue(long headBefore, int added, long head, boolean caughtUp, boolean force) {
        Optional<Checkpoint> last = ChainTables.lastCheckpoint(jdbc);
        long from = last.map(Checkpoint::upTo).orElse(NOTHING);
        long lastOrdinal = last.map(Checkpoint::ordinal).orElse(0L);
        pending = pendingOrdinal == lastOrdinal && pendingHead == headBefore ? pending + added : pending(from);
        pendingOrdinal = lastOrdinal;
        pendingHead = head;
        if (head == NOTHING || head <= from) {
            return false;
        }
        long now = clock.millis();
        boolean due = force
                || (caughtUp && last.map(c -> now - c.createdAt() >= properties.checkpointInterval().toMillis()).orElse(true))
                || pending >= properties.checkpointEvery();
        if (!due) {
            return false;
        }
        CumulativeHash cumulative = new CumulativeHash(last.map(Checkpoint::cumulative).orElse(EventHasher.NO_PREVIOUS));
        jdbc.query("select global_index, event_hash from event_chain where global_index > ? and global_index <= ?"
                + " order by global_index", rs -> {
            cumulative.add(rs.getLong(1), rs.getBytes(2));
        }, from, head);
        long ordinal = last.map(Checkpoint::ordinal).orElse(0L) + 1;
        byte[] hash = cumulative.finish();
        ChainKey sealing = sealingKey();
        byte[] seal = sealing.seal(ordinal, head, cumulative.count(), hash);
        jdbc.update("insert into event_chain_checkpoint (" + Checkpoint.COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?)",
                ordinal, head, cumulative.count(), hash, seal, sealing.id(), now);
        pendingOrdinal = ordinal;
        pending = 0;
        log.info("event chain checkpoint {} sealed up to global index {} ({} events), seal {}", ordinal, head,
                cumulative.count(), HexFormat.of().formatHex(seal));
        return true;
    }

    private long pending(long from) {
        Long count = jdbc.queryForObject("select count(*) from event_chain where global_index > ?", Long.class, from);
        return count == null ? 0 : count;
    }

    /** Resolves the sealing key now (generating the key file where that applies), so that a missing one stops startup. */
    void checkKey() {
        sealingKey();
    }

    private synchronized ChainKey sealingKey() {
        if (key == null) {
            key = ChainKey.forSealing(properties, tandem);
        }
        return key;
    }
}
