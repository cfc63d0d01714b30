package io.tandem.contracts.copy;

import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TradeId;

import java.time.Instant;

/**
 * The copy engine's port into the command side (implemented there by copy entry, called by the
 * copy-mirror process). Every call runs in its own request transaction (never in the caller's unit of
 * work, so the process's batch holds no account or book lock) and is idempotent: retried or replayed,
 * it changes nothing it already changed.
 */
public interface CopyEngine {

    /**
     * Sizes and places the mirror of one leader trade in one copy, with the decision and the order in
     * one transaction; a refused order is recorded as a skip instead.
     */
    MirrorOutcome mirror(MirrorRequest request);

    /**
     * Stops the copy because of its leader ({@code LEADER_CHANGED}: the public account it copies is no
     * longer the leader's public account; {@code BLOCKED}: the leader and the copier blocked each
     * other). Nothing if it is already stopping or closed.
     */
    void stopFor(CopyId copyId, CopyStopReason reason, Instant at);

    /** Stops the copy by its stop-loss (nothing if it is already stopping or closed). */
    void stopLoss(CopyId copyId, TradeId triggerTradeId, Cash equity, Instant at);

    /**
     * Moves a STOPPING copy on: while its COPY account has an open order it waits; sells every
     * position it can sell at market ({@code retry} null: all of them, the first time; otherwise only
     * {@code retry}, after a trade in it showed there is a market again); and once nothing sellable
     * is left, returns all cash (and unsellable remainders) and closes the copy.
     */
    StopProgress continueStop(CopyId copyId, Symbol retry, Instant at);

    /**
     * Closes a STOPPING copy if its stop is done, and never sells: with no open order in its COPY
     * account and nothing left that {@link #continueStop} would sell, returns all cash (and unsellable
     * remainders) and closes the copy, exactly as {@code continueStop} would; otherwise changes nothing
     * (WAITING while an order is open, SELLING while sellable positions remain).
     * <p>
     * The copy-mirror process calls it when an order of a stopping copy closed (its reservation was
     * released) after the stop's sells went out: an IOC sell that found no buyer is cancelled and
     * released, and selling again at once would meet the same empty book, over and over. Such a
     * position is sold again only after a trade in its symbol ({@code continueStop} with {@code retry}).
     * <p>
     * So the process calls {@code continueStop(copy, null, at)} when the copy starts stopping and, as long
     * as the stop's sells have not gone out (it answered WAITING: an older order was still open), again at
     * each release of the copy's orders or trade in a held symbol; once it answered SELLING, or the process
     * saw a {@link CopySellRequestedEvent} with {@code stop} set, only this method (at a release) and
     * {@code continueStop(copy, symbol, at)} (at a trade in a symbol the copy holds, not the copy's own).
     */
    StopProgress finishStopIfDone(CopyId copyId, Instant at);

    /**
     * One leader trade (or, {@code leaderTradeId} null, the leader's open position at start) to mirror.
     * Equities and the leader's position are the copy-mirror process's, as of just before the trade.
     */
    record MirrorRequest(CopyId copyId, TradeId leaderTradeId, Symbol symbol, Side side, Quantity leaderQuantity,
                         Price leaderPrice, Cash leaderEquity, Cash copyEquity, Quantity leaderPositionBefore,
                         Instant at) {
    }

    record MirrorOutcome(MirrorDecision.Kind kind, Quantity quantity, MirrorSkipReason skipReason) {
    }

    enum StopProgress { WAITING, SELLING, CLOSED, NOT_STOPPING }
}
