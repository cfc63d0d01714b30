package io.tandem.infra.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

/**
 * Moves the event table's global-index sequence past the highest index in the table. A database
 * restored with only its event tables gets a new sequence from the schema update, starting at 1, and
 * the first event appended would then collide with the first restored one. Only a sequence that is
 * behind its table is changed, so a normal start reads two numbers and writes nothing. Nothing
 * appends events while this runs (it runs before processors and the web server start); a node that
 * is already running on the same database has its sequence ahead of the table and is left alone.
 */
public final class GlobalIndexSequence {

    static final String SEQUENCE = "domain_event_global_index_seq";
    private static final Logger log = LoggerFactory.getLogger(GlobalIndexSequence.class);

    private GlobalIndexSequence() {
    }

    public static void repair(DataSource dataSource, boolean h2) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Long highest = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        if (highest == null) {
            return;
        }
        long next = h2 ? h2NextValue(jdbc) : postgresNextValue(jdbc);
        if (next <= highest) {
            log.warn("the event table's global index sequence would next give {}, but the table holds events up to {}"
                    + " (a restored event table?): restarting the sequence at {}", next, highest, highest + 1);
            jdbc.execute("alter sequence " + SEQUENCE + " restart with " + Math.addExact(highest, 1));
        }
    }

    private static long h2NextValue(JdbcTemplate jdbc) {
        Long base = jdbc.queryForObject("select base_value from information_schema.sequences"
                + " where sequence_schema = 'PUBLIC' and upper(sequence_name) = upper(?)", Long.class, SEQUENCE);
        return base == null ? 1 : base;
    }

    private static long postgresNextValue(JdbcTemplate jdbc) {
        return jdbc.queryForObject("select case when is_called then last_value + 1 else last_value end from " + SEQUENCE,
                Long.class);
    }
}
