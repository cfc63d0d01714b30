package io.tandem.saga.copy;

import io.tandem.saga.copy.CopyMirrorState.Changes;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Binds the copy-mirror ledger to the processor's batches. The ledger is loaded from the store on
 * first use and then kept in memory across batches; each batch's root unit of work writes the rows the
 * batch changed from its prepare-commit (so inside the batch's transaction, with the token: one write
 * per batch, however many events it had) and, if the batch rolls back (a handler failed, the write or
 * the commit failed), forgets the ledger, so that the retried batch starts again from the committed rows.
 */
final class MirrorWorkingSet {

    private static final String RESOURCE = MirrorWorkingSet.class.getName() + ".ledger";

    private final CopyMirrorState state;
    /** The committed state plus the current batch's changes; null: load on first use. */
    private volatile MirrorLedger ledger;

    MirrorWorkingSet(CopyMirrorState state) {
        this.state = state;
    }

    /** The ledger for the current batch. Axon runs every event handler in a unit of work. */
    MirrorLedger current() {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("the copy-mirror process handles events in a unit of work");
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(RESOURCE, key -> {
            MirrorLedger batch = ledger;
            if (batch == null) {
                batch = MirrorLedger.of(state.load());
                ledger = batch;
            }
            MirrorLedger written = batch;
            root.onPrepareCommit(u -> {
                Changes changes = written.drainChanges();
                if (!changes.isEmpty()) {
                    state.write(changes);
                }
            });
            root.onRollback(u -> ledger = null);
            return written;
        });
    }

    /** Forgets everything, in memory and in the store (a reset of the process). */
    void clear() {
        ledger = null;
        state.clear();
    }
}
