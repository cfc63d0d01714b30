package io.tandem.infra.audit.rebuild;

import io.tandem.infra.audit.AuditReport;

import java.util.List;

/**
 * {@code audit verify read-models}: per rebuildable group, the position both read models were compared
 * at and, per read model, the document counts and the first differences between the live collection
 * and a fresh rebuild from the log. Read models not derived from events are listed as excluded.
 */
public record ReadModelReport(List<GroupResult> groups, List<String> excluded, long durationMs) implements AuditReport {

    /** One group: the global position compared at (-1 for an empty log) and its read models. */
    public record GroupResult(String group, long position, List<DocumentDiff.Result> readModels) {

        public long differences() {
            return readModels.stream().mapToLong(DocumentDiff.Result::differences).sum();
        }
    }

    @Override
    public boolean ok() {
        return groups.stream().allMatch(group -> group.differences() == 0);
    }

    @Override
    public String human() {
        StringBuilder text = new StringBuilder(ok() ? "read models equal a fresh rebuild" : "read models DIFFER from a fresh rebuild");
        for (GroupResult group : groups) {
            text.append("\n").append(group.group()).append(" at position ").append(group.position()).append(": ")
                    .append(group.differences() == 0 ? "ok" : group.differences() + " differences");
            for (DocumentDiff.Result model : group.readModels()) {
                text.append("\n  ").append(model.collection()).append(": ").append(model.live()).append(" live, ")
                        .append(model.rebuilt()).append(" rebuilt");
                if (model.differences() > 0) {
                    text.append(", ").append(model.differences()).append(" differences");
                    model.first().forEach(difference -> text.append("\n    ").append(difference));
                }
            }
        }
        text.append("\nexcluded (not derived from events): ").append(String.join(", ", excluded));
        text.append("\ntook ").append(durationMs).append(" ms");
        return text.toString();
    }
}
