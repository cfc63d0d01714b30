package io.tandem.command.support;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * How far a {@link LookupTable} has been rebuilt from the event log. The row lives in the same
 * database as the table, so a database restored with only its event tables has no row, and the table
 * is rebuilt; once the rebuild reached the end of the log the table is {@code current}, and from then
 * on the command transactions keep it so (the row is not touched on the live path). A rebuild that
 * stopped halfway resumes after {@code lastGlobalIndex}. Every rebuild step locks the row, so nodes
 * that start together rebuild one batch at a time, in turn.
 */
@Entity
@Table(name = "lookup_table_position")
class LookupTablePosition {

    @Id
    @Column(name = "table_name", length = 64)
    private String name;

    /** The global index of the last event applied by the rebuild (0: none yet). */
    @Column(name = "last_global_index", nullable = false)
    private long lastGlobalIndex;

    @Column(name = "caught_up", nullable = false)
    private boolean current;

    protected LookupTablePosition() {
        // JPA
    }

    LookupTablePosition(String name) {
        this.name = name;
    }

    long lastGlobalIndex() {
        return lastGlobalIndex;
    }

    boolean current() {
        return current;
    }

    void appliedUpTo(long globalIndex) {
        lastGlobalIndex = Math.max(lastGlobalIndex, globalIndex);
    }

    void caughtUp() {
        current = true;
    }
}
