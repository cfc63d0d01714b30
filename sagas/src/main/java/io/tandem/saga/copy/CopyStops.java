package io.tandem.saga.copy;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.copy.CopyEngine;
import io.tandem.contracts.copy.CopyEngine.StopProgress;
import io.tandem.contracts.copy.CopyId;
import io.tandem.contracts.copy.CopyStatus;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import io.tandem.saga.copy.CopyMirrorState.CopyRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * The copy-mirror process's stop-losses and stopping copies.
 * <p>
 * <b>Stop-loss.</b> After each trade, every ACTIVE or PAUSED copy whose COPY account holds the traded
 * symbol, or took part in the trade, is valued; at or below its stop-loss equity the engine stops it
 * ({@link CopyEngine#stopLoss}), once: the copy is marked, and is mirrored no more, until its
 * {@code CopyStoppingEvent} arrives. A copy the process already asked to stop for another reason
 * (its leader changed or blocked) is marked the same way and not watched.
 * <p>
 * <b>Stopping copies.</b> The rule that keeps a stop moving without looping:
 * <ol>
 *   <li>Until the stop has sent its sells of every position (seen as a {@code CopySellRequestedEvent}
 *       with {@code stop} set, or a {@code continueStop} that answered SELLING), each trigger below
 *       calls {@code continueStop(copy, null)}: sell everything (the engine waits while an older
 *       order of the copy is still open, and then the release of that order triggers it again).</li>
 *   <li>After that, the release of a reservation of the copy's COPY account (an order of it closed)
 *       calls {@link CopyEngine#finishStopIfDone}, which never sells: an IOC sell that found no buyer
 *       is cancelled and released, and selling at once again would meet the same empty book, forever.</li>
 *   <li>A trade in a symbol the stopping copy still holds shows there is a market again and calls
 *       {@code continueStop(copy, symbol)}, which sells that symbol only; a trade of the copy's own
 *       account is not such a sign (its IOC sell took what there was) and triggers nothing.</li>
 * </ol>
 * Triggers: the {@code CopyStoppingEvent} itself, a {@code ReservationReleasedEvent} of the COPY
 * account, a trade in a held symbol. Before its sells went out a stop sells at most once per order of
 * the copy that closes; after that every sell attempt follows a trade in the market, so a stop with
 * no buyers waits instead of spinning. Every order closes with a release (the account releases
 * even an empty remainder once the order's fills have settled), so the stop always hears when its
 * last order is done.
 */
final class CopyStops {

    private final CopyEngine engine;
    private final EngineCalls calls;

    CopyStops(CopyEngine engine, EngineCalls calls) {
        this.engine = engine;
        this.calls = calls;
    }

    /** A copy began to stop, or an order of a stopping copy's COPY account closed: no symbol to retry. */
    void moveOn(MirrorLedger ledger, CopyRow copy, Instant at) {
        move(ledger, List.of(copy), null, at);
    }

    /**
     * Stop-losses and stop retries after {@code trade}, which the ledger has already folded in; answers
     * the copies whose stop-loss this trade fired (the process sends them no mirror of it).
     */
    Set<CopyId> afterTrade(MirrorLedger ledger, TradeExecutedEvent trade) {
        Map<String, CopyRow> concerned = new TreeMap<>();
        for (AccountId account : ledger.holdings().copyAccountsHolding(trade.symbol())) {
            ledger.copies().ofCopyAccount(account).ifPresent(copy -> concerned.put(copy.copyId().value(), copy));
        }
        for (AccountId party : List.of(trade.buyerAccountId(), trade.sellerAccountId())) {
            ledger.copies().ofCopyAccount(party).ifPresent(copy -> concerned.put(copy.copyId().value(), copy));
        }
        List<CopyRow> stopLosses = new ArrayList<>();
        List<Callable<Void>> stops = new ArrayList<>();
        List<CopyRow> stopping = new ArrayList<>();
        for (CopyRow copy : concerned.values()) {
            if (watchesStopLoss(copy)) {
                Cash equity = ledger.holdings().equity(copy.copyAccountId());
                if (equity.compareTo(copy.stopLossEquity()) <= 0) {
                    stopLosses.add(copy);
                    stops.add(() -> {
                        engine.stopLoss(copy.copyId(), trade.tradeId(), equity, trade.executedAt());
                        return null;
                    });
                }
            } else if (copy.status() == CopyStatus.STOPPING && !isParty(copy, trade)
                    && ledger.holdings().lots(copy.copyAccountId(), trade.symbol()) > 0) {
                stopping.add(copy);
            }
        }
        Set<CopyId> stopped = new HashSet<>();
        if (!stops.isEmpty()) {
            calls.runAll(stops);
            stopLosses.forEach(copy -> {
                ledger.copies().stopSent(copy.copyId());
                stopped.add(copy.copyId());
            });
        }
        if (!stopping.isEmpty()) {
            move(ledger, stopping, trade.symbol(), trade.executedAt());
        }
        return stopped;
    }

    /**
     * Moves stopping copies on after a trigger: each sells everything while its stop's sells have not
     * gone out, otherwise only {@code retry} (null: nothing to retry, so it may only finish).
     */
    private void move(MirrorLedger ledger, List<CopyRow> copies, Symbol retry, Instant at) {
        List<Callable<StopProgress>> moves = new ArrayList<>();
        for (CopyRow copy : copies) {
            if (!copy.stopSellsSent()) {
                moves.add(() -> engine.continueStop(copy.copyId(), null, at));
            } else if (retry != null) {
                moves.add(() -> engine.continueStop(copy.copyId(), retry, at));
            } else {
                moves.add(() -> engine.finishStopIfDone(copy.copyId(), at));
            }
        }
        List<StopProgress> progress = calls.runAll(moves);
        for (int i = 0; i < copies.size(); i++) {
            if (!copies.get(i).stopSellsSent() && progress.get(i) == StopProgress.SELLING) {
                ledger.copies().stopSellsSent(copies.get(i).copyId());
            }
        }
    }

    private static boolean watchesStopLoss(CopyRow copy) {
        return copy.live() && !copy.stopSent() && copy.stopLossEquity() != null;
    }

    private static boolean isParty(CopyRow copy, TradeExecutedEvent trade) {
        return copy.copyAccountId().equals(trade.buyerAccountId()) || copy.copyAccountId().equals(trade.sellerAccountId());
    }
}
