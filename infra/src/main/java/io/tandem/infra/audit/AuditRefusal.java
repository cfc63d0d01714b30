package io.tandem.infra.audit;

/**
 * An audit operation that cannot run: an unknown aggregate or job, a run already in progress, a store
 * held by a running server. Any audit service may throw it; the command line exits with
 * {@link AuditExit#FAILED} and prints the message, the HTTP endpoints answer the kind's status with a
 * problem body whose {@code code} is {@link #code()}.
 */
public class AuditRefusal extends RuntimeException {

    /** What went wrong, and so the HTTP status: 404, 409, 503. */
    public enum Kind { NOT_FOUND, CONFLICT, UNAVAILABLE }

    private final Kind kind;
    private final String code;

    public AuditRefusal(Kind kind, String code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    public static AuditRefusal unknownAggregate(String aggregateId) {
        return new AuditRefusal(Kind.NOT_FOUND, "AGGREGATE_NOT_FOUND", "No events for aggregate '" + aggregateId + "'");
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return switch (kind) {
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case UNAVAILABLE -> 503;
        };
    }
}
