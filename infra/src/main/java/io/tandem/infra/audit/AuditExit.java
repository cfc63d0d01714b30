package io.tandem.infra.audit;

/** The command line's exit statuses. */
public final class AuditExit {

    /** Done; a verification found nothing wrong. */
    public static final int OK = 0;
    /** A verification found a difference (ledger, read models, chain). */
    public static final int DIFFERENCE = 1;
    /** Bad usage: an unknown command or option, a missing or malformed argument. */
    public static final int USAGE = 2;
    /** The operation could not run: a store unavailable or in use, a refused rebuild, an unknown aggregate. */
    public static final int FAILED = 3;

    private AuditExit() {
    }
}
