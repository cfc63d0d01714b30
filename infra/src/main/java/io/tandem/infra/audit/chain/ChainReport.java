package io.tandem.infra.audit.chain;

import io.tandem.infra.audit.AuditReport;

import java.util.List;
import java.util.Map;

/**
 * The outcome of {@link ChainVerification#verify}: how much of the log it checked, and the first problem of
 * each kind with how many of that kind there are.
 *
 * @param eventsChecked  events at or below the chain head that were compared with the chain
 * @param chainHead      the highest global index the chain covers (null: nothing chained yet)
 * @param checkpoints    sealed checkpoints checked
 * @param sealedUpTo     the global index the last checkpoint covers up to (null: none yet)
 * @param unsealed       chain rows after the last checkpoint: checked against their hashes, sealed by the next
 *                       checkpoint within {@code tandem.audit.chain.checkpoint-interval}
 * @param unchainedTail  events after the chain head: not an error, the server chains them within seconds
 * @param keyId          the fingerprint of the key the seals were checked with (null: no key, nothing sealed)
 * @param problems       the first problem of each kind, in the order of {@link ChainProblem.Kind}
 * @param problemCounts  how many problems of each kind were found
 * @param millis         how long the check took
 */
public record ChainReport(long eventsChecked, Long chainHead, long checkpoints, Long sealedUpTo, long unsealed,
                          long unchainedTail, String keyId, List<ChainProblem> problems,
                          Map<ChainProblem.Kind, Long> problemCounts, long millis) implements AuditReport {

    @Override
    public boolean ok() {
        return problems.isEmpty();
    }

    /** The first problem of a kind, if any. */
    public ChainProblem first(ChainProblem.Kind kind) {
        return problems.stream().filter(problem -> problem.kind() == kind).findFirst().orElse(null);
    }

    @Override
    public String human() {
        StringBuilder out = new StringBuilder("event chain: ").append(ok() ? "OK" : "NOT OK");
        if (chainHead == null) {
            out.append("\nnothing is chained yet");
        } else {
            out.append("\nchecked ").append(eventsChecked).append(" events up to global index ").append(chainHead)
                    .append(" (the chain head) in ").append(millis).append(" ms");
            out.append("\n").append(checkpoints).append(checkpoints == 1 ? " checkpoint" : " checkpoints")
                    .append(sealedUpTo == null ? "" : " sealed up to global index " + sealedUpTo)
                    .append(keyId == null ? "" : " (key " + keyId + ")")
                    .append(", ").append(unsealed).append(" chained events after the last one");
        }
        if (unchainedTail > 0) {
            out.append("\n").append(unchainedTail)
                    .append(" newer events are not chained yet (the server chains them within seconds)");
        }
        for (ChainProblem problem : problems) {
            out.append("\n").append(problem.human());
            long count = problemCounts.getOrDefault(problem.kind(), 1L);
            if (count > 1) {
                out.append(" (first of ").append(count).append(")");
            }
        }
        return out.toString();
    }
}
