package io.tandem.infra.audit;

/**
 * The outcome of one audit operation. The implementing record is what {@code --json} prints and what
 * the admin HTTP endpoint answers (as {@code {"ok": ..., "report": <the record>}}); {@link #human()} is
 * what the command line prints without {@code --json}.
 */
public interface AuditReport {

    /**
     * False when a verification found a difference (the command line then exits with
     * {@link AuditExit#DIFFERENCE}); true for every operation that is not a verification and completed.
     */
    boolean ok();

    /** The report for people: lines separated by {@code \n}, no trailing newline. */
    String human();
}
