package io.tandem.saga.copy;

import io.tandem.contracts.account.AccountOpenedEvent;
import io.tandem.contracts.account.AssetsTransferredInEvent;
import io.tandem.contracts.account.AssetsTransferredOutEvent;
import io.tandem.contracts.account.CashAdjustedEvent;
import io.tandem.contracts.account.DepositCreditedEvent;
import io.tandem.contracts.account.ReservationReleasedEvent;
import io.tandem.contracts.account.SupplyIssuedEvent;
import io.tandem.contracts.account.WithdrawalDebitedEvent;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.copy.CopyClosedEvent;
import io.tandem.contracts.copy.CopyEngine;
import io.tandem.contracts.copy.CopyEngine.MirrorRequest;
import io.tandem.contracts.copy.CopyEngine.StopProgress;
import io.tandem.contracts.copy.CopyFundsChangedEvent;
import io.tandem.contracts.copy.CopyPausedEvent;
import io.tandem.contracts.copy.CopyResumedEvent;
import io.tandem.contracts.copy.CopySellRequestedEvent;
import io.tandem.contracts.copy.CopyStartedEvent;
import io.tandem.contracts.copy.CopyStatus;
import io.tandem.contracts.copy.CopyStoppingEvent;
import io.tandem.contracts.orderbook.InstrumentListedEvent;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import io.tandem.saga.copy.CopyMirrorState.Changes;
import io.tandem.saga.copy.CopyMirrorState.CopyRow;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * The copy-mirror process: mirrors every leader trade into the leader's active copies, fires copy
 * stop-losses and moves stopping copies on, through the {@link CopyEngine} port.
 * <p>
 * <b>What it folds.</b> In event order, every account's cash and positions and every instrument's
 * last price ({@link Holdings}: trades, deposits credited, withdrawals debited, cash adjustments,
 * supply issued, asset transfers, listings), and the live copies from the copy events
 * ({@link Copies}). At a {@link TradeExecutedEvent} it therefore knows, without asking any account or
 * book, both equities and the leader's position just before the trade: it builds the mirror requests
 * for every ACTIVE copy of each side's account <i>before</i> folding the trade in, and folds it in
 * after.
 * <p>
 * <b>Engine calls.</b> Every call runs on {@link EngineCalls}' threads, never in this process's unit
 * of work (the engine runs its own request transactions), and the handler waits for all of them: the
 * mirrors of one trade into its copies run in parallel. Any failure is rethrown once all have
 * finished, so the batch fails and is retried from its first event; the engine is idempotent, so the
 * retry changes nothing the first attempt already changed. (The engine records refused orders and
 * sizing skips itself, so what reaches this process is unexpected: a lost race, a database error.)
 * <p>
 * <b>Stop-loss.</b> After each trade, every ACTIVE or PAUSED copy whose COPY account holds the traded
 * symbol, or took part in the trade, is valued; at or below its stop-loss equity the engine stops it
 * ({@link CopyEngine#stopLoss}), once: the copy is marked, and is mirrored no more, until its
 * {@link CopyStoppingEvent} arrives.
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
 * Triggers: the {@link CopyStoppingEvent} itself, a {@link ReservationReleasedEvent} of the COPY
 * account, a trade in a held symbol. Every sell attempt after the first therefore follows a trade in
 * the market, so a stop with no buyers waits instead of spinning.
 * <p>
 * <b>Open positions at start.</b> A {@link CopyStartedEvent} with {@code copyOpenPositions} mirrors
 * each of the leader's positions as a buy (no leader trade id, the leader's whole position at the
 * symbol's last price, both equities as of the start); a symbol that never traded has no price and
 * is skipped.
 * <p>
 * <b>State and replays.</b> The state lives in memory and in {@link CopyMirrorState} (tables in
 * infra): loaded once, lazily, and written once per batch, the rows the batch changed, from the
 * batch's prepare-commit, so in the batch's transaction with the token; a rollback drops the memory,
 * and the retry starts again from the committed rows. The folding handlers run during a replay; the
 * engine calls do not (the trade, start and stopping handlers, which fold and call, check the
 * {@link ReplayStatus}, since Axon 4 gives an event to one handler per class only; the release
 * handler, which only calls, is {@link DisallowReplay}). A {@link ResetHandler} clears the state.
 * <p>
 * One thread and one segment: the fold needs every event in global order. And it needs every event
 * from the start of the stream (the default initial token, the tail): a leader's equity is folded
 * from the whole history of its account, so the process must never start at the head.
 */
@Component
@ProcessingGroup(CopyMirrorProcessor.PROCESSING_GROUP)
public class CopyMirrorProcessor {

    public static final String PROCESSING_GROUP = "copy-mirror";

    private static final String LEDGER = CopyMirrorProcessor.class.getName() + ".ledger";

    private final CopyEngine engine;
    private final CopyMirrorState state;
    private final EngineCalls calls;

    /** The committed state plus the current batch's changes; null: load on first use. */
    private volatile MirrorLedger ledger;

    public CopyMirrorProcessor(CopyEngine engine, CopyMirrorState state, CopyMirrorProperties settings) {
        this.engine = engine;
        this.state = state;
        this.calls = new EngineCalls(settings.threads());
    }

    @PreDestroy
    public void close() {
        calls.close();
    }

    // ---- holdings -------------------------------------------------------------------------------

    @EventHandler
    void on(AccountOpenedEvent event) {
        ledger().holdings().opened(event.accountId(), event.type());
    }

    @EventHandler
    void on(InstrumentListedEvent event) {
        ledger().holdings().listed(event.spec());
    }

    @EventHandler
    void on(SupplyIssuedEvent event) {
        ledger().holdings().addPosition(event.accountId(), event.symbol(), event.quantity().lots());
    }

    @EventHandler
    void on(DepositCreditedEvent event) {
        ledger().holdings().addCash(event.accountId(), event.amount().cents());
    }

    @EventHandler
    void on(WithdrawalDebitedEvent event) {
        ledger().holdings().addCash(event.accountId(), Math.negateExact(event.amount().cents()));
    }

    @EventHandler
    void on(CashAdjustedEvent event) {
        ledger().holdings().addCash(event.accountId(), event.amount().cents());
    }

    @EventHandler
    void on(AssetsTransferredOutEvent event) {
        ledger().holdings().transferredOut(event.accountId(), event.cash(), event.positions());
    }

    @EventHandler
    void on(AssetsTransferredInEvent event) {
        ledger().holdings().transferredIn(event.accountId(), event.cash(), event.positions());
    }

    @EventHandler
    void on(TradeExecutedEvent trade, ReplayStatus replay) {
        MirrorLedger ledger = ledger();
        if (replay.isReplay()) {
            ledger.holdings().traded(trade);
            return;
        }
        List<MirrorRequest> requests = new ArrayList<>(mirrorRequests(ledger, trade, trade.buyerAccountId(), Side.BUY));
        requests.addAll(mirrorRequests(ledger, trade, trade.sellerAccountId(), Side.SELL));
        mirror(requests);
        ledger.holdings().traded(trade);
        afterTrade(ledger, trade);
    }

    // ---- copies ---------------------------------------------------------------------------------

    @EventHandler
    void on(CopyStartedEvent event, ReplayStatus replay) {
        MirrorLedger ledger = ledger();
        ledger.copies().started(event.copyId(), event.copyAccountId(), event.leaderAccountId(), event.stopLossEquity());
        if (event.copyOpenPositions() && !replay.isReplay()) {
            mirror(openPositionRequests(ledger, event));
        }
    }

    @EventHandler
    void on(CopyPausedEvent event) {
        ledger().copies().status(event.copyId(), CopyStatus.PAUSED);
    }

    @EventHandler
    void on(CopyResumedEvent event) {
        ledger().copies().status(event.copyId(), CopyStatus.ACTIVE);
    }

    @EventHandler
    void on(CopyFundsChangedEvent event) {
        ledger().copies().stopLossEquity(event.copyId(), event.stopLossEquity());
    }

    @EventHandler
    void on(CopySellRequestedEvent event) {
        if (event.stop()) {
            ledger().copies().stopSellsSent(event.copyId());
        }
    }

    @EventHandler
    void on(CopyStoppingEvent event, ReplayStatus replay) {
        MirrorLedger ledger = ledger();
        ledger.copies().status(event.copyId(), CopyStatus.STOPPING);
        if (!replay.isReplay()) {
            ledger.copies().get(event.copyId()).ifPresent(copy -> moveStops(ledger, List.of(copy), null, event.at()));
        }
    }

    @EventHandler
    void on(CopyClosedEvent event) {
        ledger().copies().closed(event.copyId());
    }

    /** An order of a COPY account closed: a stopping copy may be done (see the class comment). */
    @EventHandler
    @DisallowReplay
    void on(ReservationReleasedEvent event, @Timestamp Instant at) {
        MirrorLedger ledger = ledger();
        Optional<CopyRow> copy = ledger.copies().ofCopyAccount(event.accountId());
        if (copy.isEmpty() || copy.get().status() != CopyStatus.STOPPING) {
            return;
        }
        if (copy.get().stopSellsSent()) {
            calls.runAll(List.of(() -> engine.finishStopIfDone(copy.get().copyId(), at)));
        } else {
            moveStops(ledger, List.of(copy.get()), null, at);
        }
    }

    @ResetHandler
    void reset() {
        ledger = null;
        state.clear();
    }

    // ---- mirroring ------------------------------------------------------------------------------

    private List<MirrorRequest> mirrorRequests(MirrorLedger ledger, TradeExecutedEvent trade, AccountId leader, Side side) {
        List<CopyRow> copies = ledger.copies().ofLeader(leader);
        if (copies.isEmpty()) {
            return List.of();
        }
        Holdings holdings = ledger.holdings();
        Cash leaderEquity = holdings.equity(leader);
        Quantity positionBefore = Quantity.ofLots(Math.max(0, holdings.lots(leader, trade.symbol())));
        List<MirrorRequest> requests = new ArrayList<>();
        for (CopyRow copy : copies) {
            if (mirrors(copy)) {
                requests.add(new MirrorRequest(copy.copyId(), trade.tradeId(), trade.symbol(), side, trade.quantity(),
                        trade.price(), leaderEquity, holdings.equity(copy.copyAccountId()), positionBefore,
                        trade.executedAt()));
            }
        }
        return requests;
    }

    private List<MirrorRequest> openPositionRequests(MirrorLedger ledger, CopyStartedEvent event) {
        Holdings holdings = ledger.holdings();
        Cash leaderEquity = holdings.equity(event.leaderAccountId());
        Cash copyEquity = holdings.equity(event.copyAccountId());
        List<MirrorRequest> requests = new ArrayList<>();
        for (Map.Entry<Symbol, Long> position : holdings.positions(event.leaderAccountId()).entrySet()) {
            Optional<Price> price = holdings.lastPrice(position.getKey());
            if (position.getValue() <= 0 || price.isEmpty()) {
                continue;
            }
            Quantity lots = Quantity.ofLots(position.getValue());
            requests.add(new MirrorRequest(event.copyId(), null, position.getKey(), Side.BUY, lots, price.get(),
                    leaderEquity, copyEquity, lots, event.at()));
        }
        return requests;
    }

    private void mirror(List<MirrorRequest> requests) {
        List<Callable<CopyEngine.MirrorOutcome>> mirrors = new ArrayList<>(requests.size());
        for (MirrorRequest request : requests) {
            mirrors.add(() -> engine.mirror(request));
        }
        calls.runAll(mirrors);
    }

    private static boolean mirrors(CopyRow copy) {
        return copy.status() == CopyStatus.ACTIVE && !copy.stopLossSent();
    }

    // ---- after a trade: stop-loss and stopping copies ------------------------------------------

    private void afterTrade(MirrorLedger ledger, TradeExecutedEvent trade) {
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
        if (!stops.isEmpty()) {
            calls.runAll(stops);
            stopLosses.forEach(copy -> ledger.copies().stopLossSent(copy.copyId()));
        }
        if (!stopping.isEmpty()) {
            moveStops(ledger, stopping, trade.symbol(), trade.executedAt());
        }
    }

    private static boolean watchesStopLoss(CopyRow copy) {
        return (copy.status() == CopyStatus.ACTIVE || copy.status() == CopyStatus.PAUSED) && !copy.stopLossSent()
                && copy.stopLossEquity() != null;
    }

    private static boolean isParty(CopyRow copy, TradeExecutedEvent trade) {
        return copy.copyAccountId().equals(trade.buyerAccountId()) || copy.copyAccountId().equals(trade.sellerAccountId());
    }

    /**
     * Moves stopping copies on after a trigger: each sells everything while its stop's sells have not
     * gone out, otherwise only {@code retry} (null: nothing to retry, so it may only finish).
     */
    private void moveStops(MirrorLedger ledger, List<CopyRow> copies, Symbol retry, Instant at) {
        List<Callable<StopProgress>> moves = new ArrayList<>();
        List<Boolean> sellingAll = new ArrayList<>();
        for (CopyRow copy : copies) {
            boolean all = !copy.stopSellsSent();
            sellingAll.add(all);
            if (all) {
                moves.add(() -> engine.continueStop(copy.copyId(), null, at));
            } else if (retry != null) {
                moves.add(() -> engine.continueStop(copy.copyId(), retry, at));
            } else {
                moves.add(() -> engine.finishStopIfDone(copy.copyId(), at));
            }
        }
        List<StopProgress> progress = calls.runAll(moves);
        for (int i = 0; i < copies.size(); i++) {
            if (sellingAll.get(i) && progress.get(i) == StopProgress.SELLING) {
                ledger.copies().stopSellsSent(copies.get(i).copyId());
            }
        }
    }

    // ---- state ----------------------------------------------------------------------------------

    /**
     * The ledger, loaded on first use; the batch's root unit of work writes its changes before it
     * commits and drops the ledger if it rolls back. Axon runs every event handler in a unit of work.
     */
    private MirrorLedger ledger() {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("the copy-mirror process handles events in a unit of work");
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(LEDGER, key -> {
            MirrorLedger current = ledger;
            if (current == null) {
                current = MirrorLedger.of(state.load());
                ledger = current;
            }
            MirrorLedger batch = current;
            root.onPrepareCommit(u -> {
                Changes changes = batch.drainChanges();
                if (!changes.isEmpty()) {
                    state.write(changes);
                }
            });
            root.onRollback(u -> ledger = null);
            return batch;
        });
    }
}
