package io.tandem.infra.audit;

/**
 * What a finished operation answers over HTTP and prints with {@code --json}: whether it is
 * {@link AuditReport#ok() ok} and the report record. Over HTTP {@code human} carries the report for
 * people as well, so that {@code --server} prints what a local run prints; {@code --json} leaves it out.
 */
public record AuditAnswer(boolean ok, AuditReport report, String human) {

    public static AuditAnswer of(AuditReport report) {
        return new AuditAnswer(report.ok(), report, report.human());
    }
}
