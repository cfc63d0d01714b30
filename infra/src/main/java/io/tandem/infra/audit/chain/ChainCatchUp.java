package io.tandem.infra.audit.chain;

import io.tandem.infra.audit.AuditReport;

/**
 * What {@link ChainWriter#catchUp} chained.
 *
 * @param chained    events chained by this run
 * @param chainHead  the highest chained global index afterwards (null: nothing is chained)
 * @param sealed     checkpoints sealed by this run
 * @param waitingFor a hole in the global index the chain stopped before, because a transaction may still
 *                   commit an event there (null: none); run again after {@code tandem.audit.chain.gap-timeout}
 */
public record ChainCatchUp(long chained, Long chainHead, int sealed, Long waitingFor) implements AuditReport {

    @Override
    public boolean ok() {
        return true;
    }

    @Override
    public String human() {
        String done = "chained " + chained + " events" + (chainHead == null ? "" : ", chain head at global index " + chainHead)
                + ", sealed " + sealed + (sealed == 1 ? " checkpoint" : " checkpoints");
        return waitingFor == null ? done : done + "\nstopped before global index " + waitingFor
                + ": a transaction may still commit an event there (passed once tandem.audit.chain.gap-timeout is over)";
    }
}
