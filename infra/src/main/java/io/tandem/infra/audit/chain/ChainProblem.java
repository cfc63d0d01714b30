package io.tandem.infra.audit.chain;

/**
 * One difference between the event log and its chain, with where it is. Fields that do not apply are null
 * (a stream's missing sequence number has no global index; a checkpoint has no aggregate).
 *
 * @param globalIndex the event's global index; for a checkpoint, the global index it covers up to
 */
public record ChainProblem(Kind kind, Long globalIndex, String aggregateIdentifier, Long sequenceNumber, String detail) {

    public enum Kind {
        /** An event's content (any column) no longer matches the hash chained for it. */
        ALTERED,
        /** A chained event is gone from the event table, or a sequence number is missing from a stream. */
        REMOVED,
        /** An event below the chain head has no chain row: added after the chain passed its position. */
        INSERTED,
        /** The chain tables themselves were changed: a checkpoint's rows, count, order or seal do not match. */
        CHECKPOINT_MISMATCH,
        /**
         * Events older than the chainer ever leaves them are not chained: the chainer is not running, or the chain
         * was wiped (its tables emptied or dropped), or the server stopped before chaining its last events
         * ({@code verify chain --catch-up} chains them).
         */
        STALLED
    }

    String human() {
        StringBuilder line = new StringBuilder(kind.name());
        if (globalIndex != null) {
            line.append(" at global index ").append(globalIndex);
        }
        if (aggregateIdentifier != null) {
            line.append(globalIndex != null ? "," : " at").append(" aggregate ").append(aggregateIdentifier);
        }
        if (sequenceNumber != null) {
            line.append(" sequence ").append(sequenceNumber);
        }
        return line.append(": ").append(detail).toString();
    }
}
