package io.tandem.saga.copy;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.copy.CopyId;
import io.tandem.contracts.copy.CopyStatus;

import java.math.BigDecimal;
import java.util.List;

/**
 * The copy-mirror process's committed state: every account's cash and positions, every instrument's
 * scale and last price, and the live copies, as the process folded them from the events up to its
 * position. Infra keeps it in tables of its own.
 * <p>
 * The process owns this state and keeps a working copy in memory ({@link MirrorLedger}); the store is
 * only read once ({@link #load()}, lazily, and again after a rollback or a reset) and written once per
 * batch ({@link #write(Changes)}, the rows the batch changed), from the batch's prepare-commit, so
 * inside the batch's transaction: the rows move with the process's token and survive a restart
 * consistently with it.
 */
public interface CopyMirrorState {

    /** Everything committed. */
    Snapshot load();

    /**
     * Upserts the changed rows, in the caller's transaction. A position row with zero lots deletes
     * that position; a copy row with status CLOSED deletes that copy.
     */
    void write(Changes changes);

    /** Forgets everything (a reset of the process). */
    void clear();

    /** An account's total cash (available and reserved) in cents; {@code type} null until its opening was seen. */
    record AccountRow(AccountId accountId, AccountType type, long cashCents) {
    }

    /** An account's position in lots. */
    record PositionRow(AccountId accountId, Symbol symbol, long lots) {
    }

    /** An instrument's scale and its last traded price ({@code lastPrice} null until it first traded). */
    record InstrumentRow(Symbol symbol, BigDecimal tickSize, BigDecimal lotSize, Price lastPrice) {

        InstrumentRow withLastPrice(Price price) {
            return new InstrumentRow(symbol, tickSize, lotSize, price);
        }
    }

    /**
     * A copy as the process sees it. {@code stopLossSent}: the process asked the engine to stop it by
     * its stop-loss (so it asks once). {@code stopSellsSent}: while stopping, the engine has sent its
     * sells of every position (so later calls only finish or retry one symbol).
     */
    record CopyRow(CopyId copyId, AccountId copyAccountId, AccountId leaderAccountId, CopyStatus status,
                   Cash stopLossEquity, boolean stopLossSent, boolean stopSellsSent) {

        CopyRow withStatus(CopyStatus newStatus) {
            return new CopyRow(copyId, copyAccountId, leaderAccountId, newStatus, stopLossEquity, stopLossSent, stopSellsSent);
        }

        CopyRow withStopLossEquity(Cash equity) {
            return new CopyRow(copyId, copyAccountId, leaderAccountId, status, equity, stopLossSent, stopSellsSent);
        }

        CopyRow withStopLossSent() {
            return new CopyRow(copyId, copyAccountId, leaderAccountId, status, stopLossEquity, true, stopSellsSent);
        }

        CopyRow withStopSellsSent() {
            return new CopyRow(copyId, copyAccountId, leaderAccountId, status, stopLossEquity, stopLossSent, true);
        }
    }

    record Snapshot(List<AccountRow> accounts, List<PositionRow> positions, List<InstrumentRow> instruments,
                    List<CopyRow> copies) {

        public static Snapshot empty() {
            return new Snapshot(List.of(), List.of(), List.of(), List.of());
        }
    }

    /** The rows one batch changed, each as it is now. */
    record Changes(List<AccountRow> accounts, List<PositionRow> positions, List<InstrumentRow> instruments,
                   List<CopyRow> copies) {

        public boolean isEmpty() {
            return accounts.isEmpty() && positions.isEmpty() && instruments.isEmpty() && copies.isEmpty();
        }
    }
}
