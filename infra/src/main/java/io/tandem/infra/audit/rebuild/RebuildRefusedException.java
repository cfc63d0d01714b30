package io.tandem.infra.audit.rebuild;

import io.tandem.infra.audit.AuditRefusal;

/**
 * A rebuild (or a read-model verification) that was not started, with a machine-readable
 * {@link Reason}: the command line exits with {@link io.tandem.infra.audit.AuditExit#FAILED} and prints
 * the message, the admin endpoint answers {@link Reason#httpStatus()} with the reason as its code.
 */
public class RebuildRefusedException extends AuditRefusal {

    /** Why a rebuild was refused. */
    public enum Reason {
        /** No processing group of that name. */
        UNKNOWN_PROCESSOR(404),
        /** A saga or process with side effects, or a lookup table of the command side. */
        NOT_REBUILDABLE(409),
        /** Another rebuild or verification of the same group is running (here or in another process). */
        ALREADY_RUNNING(409),
        /** A running server holds the group's tokens: run it through that server ({@code --server}). */
        SERVER_RUNS_IT(409);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Reason reason;

    public RebuildRefusedException(Reason reason, String message) {
        super(reason == Reason.UNKNOWN_PROCESSOR ? Kind.NOT_FOUND : Kind.CONFLICT, reason.name(), message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
