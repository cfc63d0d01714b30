package io.tandem.infra.audit.chain;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.DatabaseMetaData;
import java.util.List;
import java.util.Optional;

/**
 * The chain's side tables, beside Axon's {@code domain_event_entry} in the same database:
 * <ul>
 *   <li>{@code event_chain}: one row per chained event, keyed by its global index, with its stream position and
 *       hash. A hole in the global index below the chain head is a gap the chainer passed for good. It has no index
 *       but its primary key (every insert pays for each index): a predecessor is found through the event table's own
 *       unique (aggregate, sequence) index;</li>
 *   <li>{@code event_chain_checkpoint}: the sealed checkpoints, numbered from 1, each covering the chain rows after
 *       the previous one up to its {@code up_to_global_index};</li>
 *   <li>{@code event_chain_lock}: one row that a chainer locks for its transaction, so that one node chains at a
 *       time when several share the database.</li>
 * </ul>
 * They are created by plain SQL when missing (H2 and PostgreSQL differ only in the binary type), not through JPA:
 * the command line's context, which has no say over the server's schema management, can then create and use them
 * the same way. Verification only reads and treats absent tables as an empty chain.
 */
final class ChainTables {

    static final String LOCK_NAME = "chainer";

    private ChainTables() {
    }

    static void ensure(JdbcTemplate jdbc) {
        String binary = isPostgres(jdbc) ? "bytea" : "varbinary(32)";
        for (String ddl : List.of(
                "create table if not exists event_chain (global_index bigint primary key,"
                        + " aggregate_identifier varchar(255) not null, sequence_number bigint not null,"
                        + " event_hash " + binary + " not null)",
                "create table if not exists event_chain_checkpoint (ordinal bigint primary key,"
                        + " up_to_global_index bigint not null, event_count bigint not null,"
                        + " cumulative_hash " + binary + " not null, seal " + binary + " not null,"
                        + " key_id varchar(16) not null, created_at bigint not null)",
                "create table if not exists event_chain_lock (name varchar(32) primary key)")) {
            jdbc.execute(ddl);
        }
        try {
            jdbc.update("insert into event_chain_lock (name) select ? where not exists"
                    + " (select 1 from event_chain_lock where name = ?)", LOCK_NAME, LOCK_NAME);
        } catch (DuplicateKeyException anotherNodeWasFirst) {
            // The row exists, which is all that is needed.
        }
    }

    static boolean exist(JdbcTemplate jdbc) {
        try {
            jdbc.queryForObject("select count(*) from event_chain_checkpoint where ordinal < 0", Long.class);
            jdbc.queryForObject("select count(*) from event_chain where global_index < 0", Long.class);
            return true;
        } catch (DataAccessException e) {
            return false;
        }
    }

    /** The highest chained global index, if anything is chained. */
    static Optional<Long> head(JdbcTemplate jdbc) {
        return Optional.ofNullable(jdbc.queryForObject("select max(global_index) from event_chain", Long.class));
    }

    static Optional<Checkpoint> lastCheckpoint(JdbcTemplate jdbc) {
        return jdbc.query("select " + Checkpoint.COLUMNS + " from event_chain_checkpoint"
                        + " where ordinal = (select max(ordinal) from event_chain_checkpoint)", Checkpoint.MAPPER)
                .stream().findFirst();
    }

    private static boolean isPostgres(JdbcTemplate jdbc) {
        String product = jdbc.execute((java.sql.Connection connection) -> {
            DatabaseMetaData metaData = connection.getMetaData();
            return metaData.getDatabaseProductName();
        });
        return product != null && product.toLowerCase().contains("postgres");
    }
}
