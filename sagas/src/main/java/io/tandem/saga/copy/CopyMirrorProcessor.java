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
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.copy.CopyClosedEvent;
import io.tandem.contracts.copy.CopyEngine;
import io.tandem.contracts.copy.CopyEngine.MirrorRequest;
import io.tandem.contracts.copy.CopyFundsChangedEvent;
import io.tandem.contracts.copy.CopyId;
import io.tandem.contracts.copy.CopyPausedEvent;
import io.tandem.contracts.copy.CopyResumedEvent;
import io.tandem.contracts.copy.CopySellRequestedEvent;
import io.tandem.contracts.copy.CopyStartedEvent;
import io.tandem.contracts.copy.CopyStatus;
import io.tandem.contracts.copy.CopyStopReason;
import io.tandem.contracts.copy.CopyStoppingEvent;
import io.tandem.contracts.follow.TraderBlockedEvent;
import io.tandem.contracts.orderbook.InstrumentListedEvent;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import io.tandem.contracts.profile.TraderProfileSetEvent;
import io.tandem.saga.copy.CopyMirrorState.CopyRow;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * for every ACTIVE copy of each side's account <i>before</i> folding the trade in, folds it in, checks
 * the stop-losses at the trade's price, and only then sends the mirrors: a copy whose stop-loss this
 * very trade fires gets the stop-loss and not the mirror (mirroring first would have it buy with its
 * last cash and then sell everything at once, paying two fees for nothing).
 * <p>
 * <b>What it does not mirror.</b> Only trades of TRADING accounts are mirrored: a leader's public
 * account is meant to be one, and whatever the command side lets through, this process checks again
 * (the account types come from the openings), so that a COPY account made public can never start a copy chain (a copy of a copy, mirroring mirrors with a
 * delay at each hop) or a cycle (two users copying each other's COPY accounts, one trade bouncing
 * between them until both run out of cash). Nor is a leader trade whose counterparty is the COPY
 * account of one of that leader's own copies: that trade was caused by mirroring (a copy's market
 * order filled against the leader's resting order), and mirroring it again would feed back into the
 * copies (each fill of the leader's resting sell would be mirrored as a sell into every copy,
 * including the one that just bought). A known limit remains: self-trade prevention works per owning
 * user, and a COPY account belongs to its copier, so a copy's mirrored order may still fill against
 * the leader's own resting orders at the leader's price; this process only keeps such fills from
 * being mirrored on.
 * <p>
 * <b>Engine calls.</b> Every call runs on {@link EngineCalls}' threads, never in this process's unit
 * of work (the engine runs its own request transactions), and the handler waits for all of them: the
 * mirrors of one trade into its copies run in parallel. Any failure is rethrown once all have
 * finished, so the batch fails and is retried from its first event; the engine is idempotent, so the
 * retry changes nothing the first attempt already changed. (The engine records refused orders and
 * sizing skips itself, so what reaches this process is unexpected: a lost race, a database error.)
 * <p>
 * <b>Stop-losses and stops.</b> After folding a trade in (before its mirrors go out), the copies it
 * revalued are checked against their stop-loss, and stopping copies are moved on at their triggers, by the rule in
 * {@link CopyStops} that keeps a stop with no buyers from selling into an empty book over and over.
 * <p>
 * <b>Following the leader.</b> A copy copies one account of its leader, the one the leader's profile
 * published when it started, and only while the leader still publishes it and the two users have not
 * blocked each other (otherwise the copier would go on reading, in every mirror's explanation, the
 * equity of an account the leader no longer publishes). So the process keeps every trader's public
 * account ({@link Leaders}, from {@link TraderProfileSetEvent}) and each copy's copier and leader
 * users, and stops (engine {@code stopFor}) every live (ACTIVE or PAUSED) copy whose leader moves the
 * public account to another account or to none (LEADER_CHANGED), or that a block either way puts
 * between its leader and its copier (BLOCKED, {@link TraderBlockedEvent}); from that event on the
 * copy is marked and mirrored no more, as after a stop-loss. A copy whose start event comes after a
 * profile event that moved the account is stopped at its start. A profile that stops accepting
 * copiers ({@code acceptsCopiers} false) or lowers {@code maxCopiers} does not stop existing copies:
 * it only refuses new ones. An unblock starts nothing again.
 * <p>
 * <b>Open positions at start.</b> A {@link CopyStartedEvent} with {@code copyOpenPositions} mirrors
 * each of the leader's positions as a buy (no leader trade id, the leader's whole position at the
 * symbol's last price, both equities as of the start); a symbol that never traded has no price and
 * is skipped. These mirrors all go into the same copy and each sizes against the cash the earlier
 * ones left, so they run one after the other, in symbol order, on one engine thread: which symbol a
 * cash cut hits (the proportional shares fit the copy's equity at last price, not at the protection
 * price plus fees) is then the same on every run, the last symbols in alphabetical order.
 * <p>
 * <b>State and replays.</b> The state lives in memory ({@link MirrorWorkingSet}) and in
 * {@link CopyMirrorState} (tables in infra): loaded once, lazily, and written once per batch, the rows the batch changed, from the
 * batch's prepare-commit, so in the batch's transaction with the token; a rollback drops the memory,
 * and the retry starts again from the committed rows. The folding handlers run during a replay; the
 * engine calls do not (the trade, start, stopping, profile and block handlers, which fold and call,
 * check the {@link ReplayStatus}, since Axon 4 gives an event to one handler per class only; the
 * release handler, which only calls, is {@link DisallowReplay}). In a replay the profile and block
 * handlers still mark the copies they would stop (the live run's stop follows in the stream), so a
 * replay never leaves a copy mirroring an account its leader no longer publishes. A
 * {@link ResetHandler} clears the state.
 * <p>
 * One thread and one segment: the fold needs every event in global order (the group's sequencing
 * policy puts them all in one segment anyway, see {@link CopyMirrorConfiguration}). And it needs every event
 * from the start of the stream (the default initial token, the tail): a leader's equity is folded
 * from the whole history of its account, so the process must never start at the head.
 */
@Component
@ProcessingGroup(CopyMirrorProcessor.PROCESSING_GROUP)
public class CopyMirrorProcessor {

    public static final String PROCESSING_GROUP = "copy-mirror";

    private final CopyEngine engine;
    private final EngineCalls calls;
    private final MirrorWorkingSet workingSet;
    private final CopyStops stops;

    public CopyMirrorProcessor(CopyEngine engine, CopyMirrorState state, CopyMirrorProperties settings) {
        this.engine = engine;
        this.calls = new EngineCalls(settings.threads());
        this.workingSet = new MirrorWorkingSet(state);
        this.stops = new CopyStops(engine, calls);
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
        List<MirrorRequest> requests = new ArrayList<>(
                mirrorRequests(ledger, trade, trade.buyerAccountId(), Side.BUY, trade.sellerAccountId()));
        requests.addAll(mirrorRequests(ledger, trade, trade.sellerAccountId(), Side.SELL, trade.buyerAccountId()));
        ledger.holdings().traded(trade);
        Set<CopyId> stopped = stops.afterTrade(ledger, trade);
        mirror(requests.stream().filter(request -> !stopped.contains(request.copyId())).toList());
    }

    // ---- copies ---------------------------------------------------------------------------------

    /**
     * A copy started. If its leader's profile no longer publishes the account it copies (the profile
     * changed between the start's slot claim and this event), it is stopped at once and copies nothing.
     */
    @EventHandler
    void on(CopyStartedEvent event, ReplayStatus replay) {
        MirrorLedger ledger = ledger();
        ledger.copies().started(event.copyId(), event.copyAccountId(), event.leaderAccountId(), event.copier(),
                event.leader(), event.stopLossEquity());
        boolean stale = ledger.leaders().get(event.leader())
                .filter(leader -> !event.leaderAccountId().equals(leader.publicAccountId())).isPresent();
        if (stale) {
            stop(ledger, ledger.copies().get(event.copyId()).stream().toList(), CopyStopReason.LEADER_CHANGED, event.at(),
                    replay);
        } else if (event.copyOpenPositions() && !replay.isReplay()) {
            mirrorInOrder(openPositionRequests(ledger, event));
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
            ledger.copies().get(event.copyId()).ifPresent(copy -> stops.moveOn(ledger, copy, event.at()));
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
        ledger.copies().ofCopyAccount(event.accountId())
                .filter(copy -> copy.status() == CopyStatus.STOPPING)
                .ifPresent(copy -> stops.moveOn(ledger, copy, at));
    }

    // ---- leaders --------------------------------------------------------------------------------

    /**
     * A trader's profile changed: every live copy of theirs that copies another account than the one
     * the profile now publishes (it moved to another account, or to none) is stopped, LEADER_CHANGED,
     * and mirrored no more from this event on. A profile that stops accepting copiers stops nothing:
     * that only refuses new copies.
     */
    @EventHandler
    void on(TraderProfileSetEvent event, ReplayStatus replay) {
        MirrorLedger ledger = ledger();
        ledger.leaders().published(event.userId(), event.publicAccountId());
        List<CopyRow> elsewhere = ledger.copies().ofLeaderUser(event.userId()).stream()
                .filter(copy -> !copy.leaderAccountId().equals(event.publicAccountId()))
                .toList();
        stop(ledger, elsewhere, CopyStopReason.LEADER_CHANGED, event.at(), replay);
    }

    /** A block either way between a leader and a copier stops the copies between them, BLOCKED. */
    @EventHandler
    void on(TraderBlockedEvent event, ReplayStatus replay) {
        MirrorLedger ledger = ledger();
        List<CopyRow> between = new ArrayList<>();
        for (CopyRow copy : ledger.copies().ofLeaderUser(event.actor())) {
            if (event.target().equals(copy.copier())) {
                between.add(copy);
            }
        }
        for (CopyRow copy : ledger.copies().ofLeaderUser(event.target())) {
            if (event.actor().equals(copy.copier())) {
                between.add(copy);
            }
        }
        stop(ledger, between, CopyStopReason.BLOCKED, event.at(), replay);
    }

    /**
     * Asks the engine to stop each live copy of {@code copies} not yet asked, and marks it so that it
     * is neither mirrored nor asked again. During a replay it only marks: the stop the live run asked
     * for is in the stream already (its {@code CopyStoppingEvent} follows).
     */
    private void stop(MirrorLedger ledger, List<CopyRow> copies, CopyStopReason reason, Instant at, ReplayStatus replay) {
        List<CopyRow> stopping = copies.stream().filter(copy -> copy.live() && !copy.stopSent()).toList();
        if (stopping.isEmpty()) {
            return;
        }
        if (!replay.isReplay()) {
            List<Callable<Void>> stops = new ArrayList<>(stopping.size());
            for (CopyRow copy : stopping) {
                stops.add(() -> {
                    engine.stopFor(copy.copyId(), reason, at);
                    return null;
                });
            }
            calls.runAll(stops);
        }
        stopping.forEach(copy -> ledger.copies().stopSent(copy.copyId()));
    }

    @ResetHandler
    void reset() {
        workingSet.clear();
    }

    // ---- mirroring ------------------------------------------------------------------------------

    /**
     * The mirrors of {@code leader}'s side of {@code trade} into its copies: none when {@code leader} is
     * not a TRADING account (a copy's own trades are never copied on, see the class comment) or when
     * {@code counterparty} is the COPY account of one of its copies (the trade was caused by mirroring).
     */
    private List<MirrorRequest> mirrorRequests(MirrorLedger ledger, TradeExecutedEvent trade, AccountId leader, Side side,
                                               AccountId counterparty) {
        List<CopyRow> copies = ledger.copies().ofLeader(leader);
        Holdings holdings = ledger.holdings();
        if (copies.isEmpty() || !isTrading(holdings, leader) || isCopyOf(ledger, counterparty, leader)) {
            return List.of();
        }
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
        if (!isTrading(holdings, event.leaderAccountId())) {
            return List.of();
        }
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

    /** Mirrors of one trade into different copies: in parallel, each copy in its own transaction. */
    private void mirror(List<MirrorRequest> requests) {
        List<Callable<CopyEngine.MirrorOutcome>> mirrors = new ArrayList<>(requests.size());
        for (MirrorRequest request : requests) {
            mirrors.add(() -> engine.mirror(request));
        }
        calls.runAll(mirrors);
    }

    /**
     * Mirrors into one copy, one after the other in the given order, on one engine thread: each one
     * sizes against the cash the previous ones left, so the order decides which of them a cash cut
     * hits, and it must be the same on every run.
     */
    private void mirrorInOrder(List<MirrorRequest> requests) {
        if (requests.isEmpty()) {
            return;
        }
        calls.runAll(List.<Callable<Void>>of(() -> {
            for (MirrorRequest request : requests) {
                engine.mirror(request);
            }
            return null;
        }));
    }

    private static boolean isTrading(Holdings holdings, AccountId account) {
        return holdings.type(account).filter(type -> type == AccountType.TRADING).isPresent();
    }

    /** Whether {@code account} is the COPY account of a copy of {@code leader}. */
    private static boolean isCopyOf(MirrorLedger ledger, AccountId account, AccountId leader) {
        return ledger.copies().ofCopyAccount(account).filter(copy -> copy.leaderAccountId().equals(leader)).isPresent();
    }

    private static boolean mirrors(CopyRow copy) {
        return copy.status() == CopyStatus.ACTIVE && !copy.stopSent();
    }

    private MirrorLedger ledger() {
        return workingSet.current();
    }
}
