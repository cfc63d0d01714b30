package io.tandem.saga.copy;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.copy.CopyId;
import io.tandem.contracts.copy.CopyStatus;

import java.math.BigDecimal;
import java.util.List;

/**
 * The copy-mirror process's committed state: every account's cash and positions, every instrument's
 * scale and last price, the live copies and every trader's public account, as the process folded them from the events up to its
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
     * A copy as the process sees it: {@code copier} and {@code leader} are the users it joins (so that
     * a profile change or a block between them stops it). {@code stopSent}: the process asked the
     * engine to stop it (by its stop-loss, because its leader changed the public account, or because
     * the leader and the copier blocked each other), so it asks once and mirrors it no more.
     * {@code stopSellsSent}: while stopping, the engine has sent its sells of every position (so later
     * calls only finish or retry one symbol).
     */
    record CopyRow(CopyId copyId, AccountId copyAccountId, AccountId leaderAccountId, UserId copier, UserId leader,
                   CopyStatus status, Cash stopLossEquity, boolean stopSent, boolean stopSellsSent) {

        /** The row of a copy that is gone: only its id counts. */
        static CopyRow closed(CopyId copyId) {
            return new CopyRow(copyId, null, null, null, null, CopyStatus.CLOSED, null, false, false);
        }

        /** ACTIVE or PAUSED: neither stopping nor closed. */
        boolean live() {
            return status == CopyStatus.ACTIVE || status == CopyStatus.PAUSED;
        }

        CopyRow withStatus(CopyStatus newStatus) {
            return new CopyRow(copyId, copyAccountId, leaderAccountId, copier, leader, newStatus, stopLossEquity, stopSent,
                    stopSellsSent);
        }

        CopyRow withStopLossEquity(Cash equity) {
            return new CopyRow(copyId, copyAccountId, leaderAccountId, copier, leader, status, equity, stopSent, stopSellsSent);
        }

        CopyRow withStopSent() {
            return new CopyRow(copyId, copyAccountId, leaderAccountId, copier, leader, status, stopLossEquity, true,
                    stopSellsSent);
        }

        CopyRow withStopSellsSent() {
            return new CopyRow(copyId, copyAccountId, leaderAccountId, copier, leader, status, stopLossEquity, stopSent, true);
        }
    }

    /**
     * A trader's public account as their latest profile event sets it ({@code publicAccountId} null:
     * they publish none). Kept for every trader with a profile: any of them may be copied.
     */
    record LeaderRow(UserId leader, AccountId publicAccountId) {
    }

    record Snapshot(List<AccountRow> accounts, List<PositionRow> positions, List<InstrumentRow> instruments,
                    List<CopyRow> copies, List<LeaderRow> leaders) {

        public static Snapshot empty() {
            return new Snapshot(List.of(), List.of(), List.of(), List.of(), List.of());
        }
    }

    /** The rows one batch changed, each as it is now. */
    record Changes(List<AccountRow> accounts, List<PositionRow> positions, List<InstrumentRow> instruments,
                   List<CopyRow> copies, List<LeaderRow> leaders) {

        public boolean isEmpty() {
            return accounts.isEmpty() && positions.isEmpty() && instruments.isEmpty() && copies.isEmpty()
                    && leaders.isEmpty();
        }
    }
}
