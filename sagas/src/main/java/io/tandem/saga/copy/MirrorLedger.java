package io.tandem.saga.copy;

import io.tandem.saga.copy.CopyMirrorState.Changes;
import io.tandem.saga.copy.CopyMirrorState.Snapshot;

/**
 * The copy-mirror process's working set: the committed state loaded once, plus what the current batch
 * changed. {@link #drainChanges()} hands the changed rows to the store when the batch commits; a batch
 * that rolls back throws the whole ledger away, so the retry starts again from the committed rows.
 */
final class MirrorLedger {

    private final Holdings holdings;
    private final Copies copies;
    private final Leaders leaders;

    private MirrorLedger(Holdings holdings, Copies copies, Leaders leaders) {
        this.holdings = holdings;
        this.copies = copies;
        this.leaders = leaders;
    }

    static MirrorLedger of(Snapshot snapshot) {
        return new MirrorLedger(new Holdings(snapshot.accounts(), snapshot.positions(), snapshot.instruments()),
                new Copies(snapshot.copies()), new Leaders(snapshot.leaders()));
    }

    Holdings holdings() {
        return holdings;
    }

    Copies copies() {
        return copies;
    }

    Leaders leaders() {
        return leaders;
    }

    Changes drainChanges() {
        Holdings.Changes held = holdings.drainChanges();
        return new Changes(held.accounts(), held.positions(), held.instruments(), copies.drainChanges(),
                leaders.drainChanges());
    }
}
