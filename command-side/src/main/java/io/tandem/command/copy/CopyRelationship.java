package io.tandem.command.copy;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.tandem.command.orderentry.OrderIds;
import io.tandem.contracts.common.*;
import io.tandem.contracts.copy.*;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One copier copying one leader with one allocation held in its own COPY account. The copy decides
 * and records; copy entry moves the money and places the orders in the same transaction, under the
 * ids the copy answers (transfer ids numbered by the copy, client order ids from {@link CopyIds}).
 * <p>
 * Lifecycle: ACTIVE (mirrors the leader's trades) and PAUSED (keeps its positions, mirrors nothing)
 * switch back and forth; a stop (by hand or by the stop-loss) makes it STOPPING (it sells everything)
 * and {@link FinishCopyCommand} makes it CLOSED once the cash went back. Commands a caller sends
 * (pause, resume, funds, stop, closing a position) are the copier's or an admin's; to anyone else the
 * copy answers COPY_NOT_FOUND exactly as an unknown one, so copy ids cannot be probed. The copy engine
 * sends the stop-loss stop and the sells of a stop, and is not checked.
 * <p>
 * Mirroring is idempotent: the copy remembers per symbol the highest leader trade sequence it decided
 * (and the symbols whose open position it mirrored at start, see {@link DecidedTrades}), so a
 * replayed or older leader trade is IGNORED and places nothing twice. State is bounded by the
 * symbols the copy touched, never by its trades or orders. Snapshots (see {@link CopyConfiguration})
 * go through Jackson, so state is plain fields without times; the {@code @Revision} names their layout
 * (2: the remembered funds request ids were added).
 */
@Revision("2")
@Aggregate(snapshotTriggerDefinition = CopyConfiguration.SNAPSHOT_TRIGGER)
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class CopyRelationship {

    static final int REMEMBERED_REQUESTS = 100;

    @AggregateIdentifier
    private CopyId copyId;
    private UserId copier;
    private String clientCopyId;
    private AccountId fromAccountId;
    private AccountId copyAccountId;
    private UserId leader;
    private String leaderHandle;
    private AccountId leaderAccountId;
    private long amount;
    private BigDecimal stopLossPercent;
    private long stopLossEquity;
    private SizingMode sizing;
    private Cash amountPerTrade;
    private boolean copyOpenPositions;
    private CopyStatus status;
    private CopyStopReason stopReason;
    private long netInvested;
    private long transfers;
    private DecidedTrades decided = new DecidedTrades();
    private Map<Symbol, Long> sellsBySymbol = new HashMap<>();
    /**
     * The client request ids of the last {@value #REMEMBERED_REQUESTS} funds changes, in the order
     * they were applied, with their amounts in cents. A retried HTTP request comes within seconds of
     * the first, long before a hundred other changes of the same copy (at most 10 per second per
     * user), so this bounded memory answers every real retry; it is dropped when the copy closes.
     */
    private LinkedHashMap<String, Long> appliedRequests = new LinkedHashMap<>();

    protected CopyRelationship() {
        // Axon and Jackson rebuild the copy from events or from a snapshot.
    }

    /**
     * Starts the copy, or answers an identical earlier start (created false, no transfer to make);
     * a different start under the same id is COPY_CONFLICT. The start's funding is transfer 1.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public CopyAnswer handle(StartCopyCommand command) {
        validate(command);
        if (copyId != null) {
            if (!sameStart(command)) {
                throw new TandemException(ErrorCode.COPY_CONFLICT,
                        "copy " + command.copyId() + " was already started with other settings");
            }
            return answer(null, false);
        }
        apply(new CopyStartedEvent(command.copyId(), command.copier(), command.clientCopyId(), command.fromAccountId(),
                command.copyAccountId(), command.leader(), command.leaderHandle(), command.leaderAccountId(),
                command.amount(), command.stopLossPercent(),
                Cash.ofCents(CopyStopLoss.threshold(command.amount().cents(), command.stopLossPercent())),
                command.sizing(), command.amountPerTrade(), command.copyOpenPositions(), command.at()));
        return answer(CopyIds.transfer(copyId, 1), true);
    }

    @CommandHandler
    public CopyAnswer handle(DescribeCopyCommand command) {
        return answer(null, false);
    }

    @CommandHandler
    public CopyAnswer handle(PauseCopyCommand command) {
        requireCopierOrAdmin(command.requestedBy(), command.admin());
        requireRunning();
        if (status == CopyStatus.ACTIVE) {
            apply(new CopyPausedEvent(copyId, command.at()));
        }
        return answer(null, false);
    }

    @CommandHandler
    public CopyAnswer handle(ResumeCopyCommand command) {
        requireCopierOrAdmin(command.requestedBy(), command.admin());
        requireRunning();
        if (status == CopyStatus.PAUSED) {
            apply(new CopyResumedEvent(copyId, command.at()));
        }
        return answer(null, false);
    }

    /**
     * Records funds added or removed and answers the transfer id copy entry moves them under: the
     * request's own ({@link CopyIds#transfer(CopyId, String)}) when it has a client request id, else
     * the copy's next number (2, 3, ... after the start's 1). A request id the copy applied already
     * answers the copy with a null transfer id (nothing to move again) when the amount is the same,
     * COPY_CONFLICT when it is not. The net invested amount must stay at least a cent (profits
     * beyond it come back when the copy stops); the stop-loss equity is recomputed from it with the
     * copy's percentage. Funds are added while ACTIVE or PAUSED; free cash can also be taken out while
     * STOPPING, so a stop waiting for a buyer of an illiquid position does not lock the cash with it.
     */
    @CommandHandler
    public CopyAnswer handle(ChangeCopyFundsCommand command) {
        requireCopierOrAdmin(command.requestedBy(), command.admin());
        if (command.amount() == null || command.amount().isZero()) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "a funds change must not be zero");
        }
        String requestId = command.clientRequestId();
        if (requestId != null && appliedRequests.containsKey(requestId)) {
            if (appliedRequests.get(requestId) != command.amount().cents()) {
                throw new TandemException(ErrorCode.COPY_CONFLICT,
                        "funds request " + requestId + " of copy " + copyId + " was already applied with another amount");
            }
            return answer(null, false);
        }
        if (!(status == CopyStatus.STOPPING && command.amount().isNegative())) {
            requireRunning();
        }
        long invested = Math.addExact(netInvested, command.amount().cents());
        if (invested <= 0) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST,
                    "removing " + command.amount().negate() + " would leave nothing invested in copy " + copyId
                            + " (profits beyond the net invested amount come back when the copy stops)");
        }
        String transferId = requestId != null ? CopyIds.transfer(copyId, requestId) : CopyIds.transfer(copyId, transfers + 1);
        apply(new CopyFundsChangedEvent(copyId, transferId, command.amount(), Cash.ofCents(invested),
                Cash.ofCents(CopyStopLoss.threshold(invested, stopLossPercent)), command.at(), requestId));
        return answer(transferId, false);
    }

    /**
     * Stops an ACTIVE or PAUSED copy; a copy already stopping or closed changes nothing. A STOP_LOSS
     * stop comes from the copy engine and is not checked for ownership; a stop without a reason is
     * BY_ADMIN when an admin sent it, BY_COPIER otherwise.
     */
    @CommandHandler
    public CopyAnswer handle(StopCopyCommand command) {
        CopyStopReason reason = command.reason() != null ? command.reason()
                : command.admin() ? CopyStopReason.BY_ADMIN : CopyStopReason.BY_COPIER;
        if (reason != CopyStopReason.STOP_LOSS) {
            requireCopierOrAdmin(command.requestedBy(), command.admin());
        }
        if (status == CopyStatus.ACTIVE || status == CopyStatus.PAUSED) {
            apply(new CopyStoppingEvent(copyId, reason, command.triggerTradeId(), command.equity(), command.at()));
        }
        return answer(null, false);
    }

    /**
     * Decides the mirror of one leader trade (or open position): IGNORED unless ACTIVE and not decided
     * yet (an open position is mirrored only when the copy was started to copy open positions);
     * otherwise sized by {@link CopySizing} and recorded as mirrored (the order copy entry places under
     * {@link CopyIds#mirrorOrder} or {@link CopyIds#openPositionOrder}) or skipped. The event's order
     * id is derived from the COPY account and that client order id exactly as order entry derives it
     * ({@link OrderIds#of}), so it names the order that is placed whatever the command's
     * {@code orderId} says.
     */
    @CommandHandler
    public MirrorDecision handle(MirrorLeaderTradeCommand command) {
        Symbol symbol = command.leaderTradeId() == null ? command.symbol() : command.leaderTradeId().symbol();
        if (status != CopyStatus.ACTIVE || decided.covers(command.leaderTradeId(), symbol)
                || (command.leaderTradeId() == null && !copyOpenPositions)) {
            return MirrorDecision.ignored();
        }
        MirrorDecision decision = CopySizing.size(new CopySizing.Request(sizing, amountPerTrade, command.leaderTradeId(),
                command.side(), command.leaderQuantity(), command.leaderPrice(), command.leaderEquity(),
                command.copyEquity(), command.leaderPositionBefore(), command.copyAvailableCash(),
                command.copyAvailablePosition(), command.protectionPrice(), command.spec()));
        if (decision.kind() == MirrorDecision.Kind.PLACE) {
            String clientOrderId = command.leaderTradeId() == null ? CopyIds.openPositionOrder(symbol)
                    : CopyIds.mirrorOrder(command.leaderTradeId());
            apply(new LeaderTradeMirroredEvent(copyId, copyAccountId, OrderIds.of(copyAccountId, clientOrderId),
                    clientOrderId, symbol, command.side(), decision.explanation(), command.at()));
        } else {
            apply(new LeaderTradeSkippedEvent(copyId, symbol, command.side(), decision.skipReason(), null,
                    decision.explanation(), command.at()));
        }
        return decision;
    }

    /**
     * Records that order entry refused a sized mirror (the decision rolled back with the order), so
     * the leader trade counts as decided; a trade already decided changes nothing.
     */
    @CommandHandler
    public void handle(RecordMirrorRefusalCommand command) {
        Symbol symbol = command.leaderTradeId() == null ? command.symbol() : command.leaderTradeId().symbol();
        if (decided.covers(command.leaderTradeId(), symbol)) {
            return;
        }
        MirrorExplanation given = command.explanation();
        MirrorExplanation explanation = given == null
                ? new MirrorExplanation(command.leaderTradeId(), null, null, null, null, Quantity.ZERO, MirrorCut.NONE)
                : new MirrorExplanation(command.leaderTradeId(), given.leaderEquity(), given.copyEquity(), given.ratio(),
                given.rawQuantity(), Quantity.ZERO, given.cutBy());
        String detail = command.errorCode() != null ? command.errorCode() : command.message();
        apply(new LeaderTradeSkippedEvent(copyId, symbol, command.side(), MirrorSkipReason.ORDER_REFUSED, detail,
                explanation, command.at()));
    }

    /**
     * Records a market sell of a copied position and answers its client order id (the n-th sell of
     * the symbol, {@link CopyIds#closeOrder}). The copier (or an admin) closes a position while the
     * copy is ACTIVE or PAUSED; the copy engine sells while it is STOPPING.
     */
    @CommandHandler
    public String handle(RequestCopySellCommand command) {
        if (command.stop()) {
            if (status != CopyStatus.STOPPING) {
                throw new TandemException(ErrorCode.COPY_NOT_ACTIVE, "copy " + copyId + " is " + status + ", not stopping");
            }
        } else {
            requireCopierOrAdmin(command.requestedBy(), command.admin());
            requireRunning();
        }
        if (command.symbol() == null || command.quantity() == null || !command.quantity().isPositive()) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "a copy sell needs a symbol and a positive quantity");
        }
        String clientOrderId = CopyIds.closeOrder(command.symbol(), sellsBySymbol.getOrDefault(command.symbol(), 0L) + 1);
        apply(new CopySellRequestedEvent(copyId, copyAccountId, OrderIds.of(copyAccountId, clientOrderId), clientOrderId,
                command.symbol(), command.quantity(), command.stop(), command.at()));
        return clientOrderId;
    }

    /** Closes a STOPPING copy once copy entry returned its cash; a closed copy changes nothing. */
    @CommandHandler
    public CopyAnswer handle(FinishCopyCommand command) {
        if (status == CopyStatus.CLOSED) {
            return answer(null, false);
        }
        if (status != CopyStatus.STOPPING) {
            throw new TandemException(ErrorCode.COPY_NOT_ACTIVE, "copy " + copyId + " is " + status + ", not stopping");
        }
        apply(new CopyClosedEvent(copyId, stopReason, command.transferId(),
                command.returnedCash() == null ? Cash.ZERO : command.returnedCash(),
                command.returnedPositions() == null ? List.of() : command.returnedPositions(), command.at()));
        return answer(command.transferId(), false);
    }

    private static void validate(StartCopyCommand command) {
        if (command.amount() == null || !command.amount().isPositive()) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "a copy amount must be positive");
        }
        CopyStopLoss.check(command.stopLossPercent());
        if (command.sizing() == null) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "a copy needs a sizing mode");
        }
        boolean fixed = command.sizing() == SizingMode.FIXED_AMOUNT;
        if (fixed != (command.amountPerTrade() != null) || (fixed && !command.amountPerTrade().isPositive())) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST,
                    "an amount per trade is required (and must be positive) for FIXED_AMOUNT only");
        }
        if (command.copier() == null || command.copyAccountId() == null || command.fromAccountId() == null
                || command.leaderAccountId() == null) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "a copy needs its copier, accounts and leader account");
        }
    }

    /** The same start as far as the copier decides it; the leader's handle (which the leader may rename) is not compared. */
    private boolean sameStart(StartCopyCommand command) {
        return copier.equals(command.copier()) && Objects.equals(clientCopyId, command.clientCopyId())
                && fromAccountId.equals(command.fromAccountId()) && copyAccountId.equals(command.copyAccountId())
                && Objects.equals(leader, command.leader())
                && leaderAccountId.equals(command.leaderAccountId()) && amount == command.amount().cents()
                && stopLossPercent.compareTo(command.stopLossPercent()) == 0 && sizing == command.sizing()
                && Objects.equals(amountPerTrade, command.amountPerTrade())
                && copyOpenPositions == command.copyOpenPositions();
    }

    private void requireCopierOrAdmin(UserId requestedBy, boolean admin) {
        if (!admin && !copier.equals(requestedBy)) {
            throw TandemException.notFound(ErrorCode.COPY_NOT_FOUND, copyId);
        }
    }

    private void requireRunning() {
        if (status != CopyStatus.ACTIVE && status != CopyStatus.PAUSED) {
            throw new TandemException(ErrorCode.COPY_NOT_ACTIVE, "copy " + copyId + " is " + status);
        }
    }

    private CopyAnswer answer(String transferId, boolean created) {
        return new CopyAnswer(copyId, copyAccountId, fromAccountId, copier, leader, leaderAccountId, status,
                Cash.ofCents(netInvested), transferId, created);
    }

    @EventSourcingHandler
    void on(CopyStartedEvent event) {
        copyId = event.copyId();
        copier = event.copier();
        clientCopyId = event.clientCopyId();
        fromAccountId = event.fromAccountId();
        copyAccountId = event.copyAccountId();
        leader = event.leader();
        leaderHandle = event.leaderHandle();
        leaderAccountId = event.leaderAccountId();
        amount = event.amount().cents();
        stopLossPercent = event.stopLossPercent();
        stopLossEquity = event.stopLossEquity().cents();
        sizing = event.sizing();
        amountPerTrade = event.amountPerTrade();
        copyOpenPositions = event.copyOpenPositions();
        status = CopyStatus.ACTIVE;
        netInvested = event.amount().cents();
        transfers = 1;
    }

    @EventSourcingHandler
    void on(CopyPausedEvent event) {
        status = CopyStatus.PAUSED;
    }

    @EventSourcingHandler
    void on(CopyResumedEvent event) {
        status = CopyStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(CopyFundsChangedEvent event) {
        netInvested = event.netInvested().cents();
        stopLossEquity = event.stopLossEquity().cents();
        transfers++;
        if (event.clientRequestId() != null) {
            appliedRequests.put(event.clientRequestId(), event.amount().cents());
            if (appliedRequests.size() > REMEMBERED_REQUESTS) {
                appliedRequests.remove(appliedRequests.keySet().iterator().next());
            }
        }
    }

    @EventSourcingHandler
    void on(CopyStoppingEvent event) {
        status = CopyStatus.STOPPING;
        stopReason = event.reason();
    }

    @EventSourcingHandler
    void on(LeaderTradeMirroredEvent event) {
        decided.decided(event.explanation().leaderTradeId(), event.symbol());
    }

    @EventSourcingHandler
    void on(LeaderTradeSkippedEvent event) {
        decided.decided(event.explanation() == null ? null : event.explanation().leaderTradeId(), event.symbol());
    }

    @EventSourcingHandler
    void on(CopySellRequestedEvent event) {
        sellsBySymbol.merge(event.symbol(), 1L, Math::addExact);
    }

    /** A closed copy does no more work, so what it remembered about trades and sells is dropped. */
    @EventSourcingHandler
    void on(CopyClosedEvent event) {
        status = CopyStatus.CLOSED;
        decided = new DecidedTrades();
        sellsBySymbol.clear();
        appliedRequests.clear();
    }
}
