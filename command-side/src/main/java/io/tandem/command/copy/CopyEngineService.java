package io.tandem.command.copy;

import io.tandem.command.orderentry.OrderIds;
import io.tandem.command.orderentry.RequestTransactions;
import io.tandem.contracts.account.AccountHoldings;
import io.tandem.contracts.account.AssetsTransferredOutEvent;
import io.tandem.contracts.account.Holding;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.copy.CopyAnswer;
import io.tandem.contracts.copy.CopyEngine;
import io.tandem.contracts.copy.CopyId;
import io.tandem.contracts.copy.CopyIds;
import io.tandem.contracts.copy.CopyStatus;
import io.tandem.contracts.copy.CopyStopReason;
import io.tandem.contracts.copy.FinishCopyCommand;
import io.tandem.contracts.copy.MirrorDecision;
import io.tandem.contracts.copy.MirrorExplanation;
import io.tandem.contracts.copy.MirrorLeaderTradeCommand;
import io.tandem.contracts.copy.MirrorSkipReason;
import io.tandem.contracts.copy.RecordMirrorRefusalCommand;
import io.tandem.contracts.copy.ReleaseCopyAllowanceCommand;
import io.tandem.contracts.copy.RequestCopySellCommand;
import io.tandem.contracts.copy.StopCopyCommand;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.profile.ReleaseCopySlotCommand;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The copy engine on the command side. Every call is its own request transaction
 * ({@link RequestTransactions}: a root unit of work started here, so it works from a thread that has
 * none, such as the copy-mirror process's pool) and is run again when it loses a race; ids are
 * derived from the cause ({@link CopyIds}), so a retried or replayed call finds what the first one
 * did. Locks are taken in one order everywhere: the copy, then its COPY account, then the book.
 */
@Service
public class CopyEngineService implements CopyEngine {

    /** The number of the transfer that returns a stopped copy's assets: far above any funds change's. */
    static final long RETURN_TRANSFER = Long.MAX_VALUE;
    private static final Logger log = LoggerFactory.getLogger(CopyEngineService.class);

    private final CopySteps steps;
    private final RequestTransactions transactions;

    CopyEngineService(CopySteps steps, RequestTransactions transactions) {
        this.steps = steps;
        this.transactions = transactions;
    }

    /**
     * Decides and places in one transaction. When order entry refuses the sized order, that
     * transaction (decision included) rolls back and a second one records the refusal as the
     * decision, so the trade is decided either way and never placed twice. A client order id already
     * used for a different order means this mirror was placed before: nothing happens (IGNORED).
     */
    @Override
    public MirrorOutcome mirror(MirrorRequest request) {
        Objects.requireNonNull(request, "request");
        try {
            return inRequest(() -> mirrorOnce(request));
        } catch (AlreadyPlaced replay) {
            return ignored();
        } catch (MirrorRefused refused) {
            inRequest(() -> steps.commands().send(new RecordMirrorRefusalCommand(request.copyId(), request.leaderTradeId(),
                    request.symbol(), request.side(), refused.explanation, refused.code, refused.getMessage(), request.at()),
                    ErrorCode.COPY_NOT_FOUND));
            return new MirrorOutcome(MirrorDecision.Kind.SKIPPED, null, MirrorSkipReason.ORDER_REFUSED);
        }
    }

    private MirrorOutcome mirrorOnce(MirrorRequest request) {
        CopyAnswer copy = steps.describe(request.copyId());
        if (copy.status() != CopyStatus.ACTIVE) {
            return ignored();
        }
        InstrumentSpec spec = steps.spec(request.symbol());
        Optional<Price> protection = steps.orderEntry().protectionPrice(request.symbol(), request.side());
        if (protection.isEmpty()) {
            throw new MirrorRefused(ErrorCode.NO_REFERENCE_PRICE.name(), request.symbol() + " has no last price", null);
        }
        AccountHoldings holdings = steps.holdings(copy.copyAccountId());
        String clientOrderId = request.leaderTradeId() == null ? CopyIds.openPositionOrder(request.symbol())
                : CopyIds.mirrorOrder(request.leaderTradeId());
        OrderId orderId = OrderIds.of(copy.copyAccountId(), clientOrderId);
        MirrorDecision decision = steps.commands().send(new MirrorLeaderTradeCommand(request.copyId(), request.leaderTradeId(),
                request.symbol(), request.side(), request.leaderQuantity(), request.leaderPrice(), request.leaderEquity(),
                request.copyEquity(), request.leaderPositionBefore(), holdings.availableCash(),
                CopySteps.available(holdings, request.symbol()), protection.get(), spec, orderId, request.at()),
                ErrorCode.COPY_NOT_FOUND);
        if (decision.kind() != MirrorDecision.Kind.PLACE) {
            return new MirrorOutcome(decision.kind(), decision.quantity(), decision.skipReason());
        }
        try {
            steps.placeMarket(copy, clientOrderId, request.symbol(), request.side(), decision.quantity(), protection.get(),
                    request.at());
        } catch (TandemException refusal) {
            if (refusal.code() == ErrorCode.CONCURRENT_MODIFICATION) {
                throw refusal;
            }
            if (refusal.code() == ErrorCode.ORDER_CONFLICT) {
                throw new AlreadyPlaced();
            }
            throw new MirrorRefused(refusal.code().name(), refusal.getMessage(), decision.explanation());
        }
        return new MirrorOutcome(MirrorDecision.Kind.PLACE, decision.quantity(), null);
    }

    /** Stops the copy as its copier's stop-loss (the copy ignores it when it is already stopping or closed). */
    @Override
    public void stopFor(CopyId copyId, CopyStopReason reason, Instant at) {
        if (reason != CopyStopReason.LEADER_CHANGED && reason != CopyStopReason.BLOCKED) {
            throw new IllegalArgumentException("a copy is stopped for its leader only as LEADER_CHANGED or BLOCKED, not " + reason);
        }
        inRequest(() -> {
            CopyAnswer copy = steps.describe(copyId);
            if (copy.status() == CopyStatus.STOPPING || copy.status() == CopyStatus.CLOSED) {
                return null;
            }
            return steps.commands().send(new StopCopyCommand(copyId, copy.copier(), false, reason, null, null, at),
                    ErrorCode.COPY_NOT_FOUND);
        });
    }

    @Override
    public void stopLoss(CopyId copyId, TradeId triggerTradeId, Cash equity, Instant at) {
        inRequest(() -> {
            CopyAnswer copy = steps.describe(copyId);
            if (copy.status() == CopyStatus.STOPPING || copy.status() == CopyStatus.CLOSED) {
                return null;
            }
            return steps.commands().send(new StopCopyCommand(copyId, copy.copier(), false, CopyStopReason.STOP_LOSS,
                    triggerTradeId, equity, at), ErrorCode.COPY_NOT_FOUND);
        });
    }

    /**
     * One look at the stopping copy decides: an open order means wait (its release calls again);
     * nothing sellable left means finish, in the same transaction; otherwise each position to sell
     * ({@code retry} null: all of them; else only {@code retry}) is sold in a transaction of its own,
     * so a refused sell is logged and skipped without undoing the others. A position counts as
     * sellable when its notional at the market sell's protection price reaches the instrument's
     * minimum order notional; smaller ones (and those of a symbol that has never traded) go back with
     * the cash. Answers SELLING when at least one sell went out, WAITING otherwise.
     */
    @Override
    public StopProgress continueStop(CopyId copyId, Symbol retry, Instant at) {
        Objects.requireNonNull(copyId, "copyId");
        Look look = inRequest(() -> look(copyId, at));
        if (look.progress != StopProgress.SELLING) {
            return look.progress;
        }
        List<Symbol> toSell = retry == null ? look.sellable : look.sellable.stream().filter(retry::equals).toList();
        int placed = 0;
        for (Symbol symbol : toSell) {
            try {
                if (inRequest(() -> sellWhileStopping(copyId, symbol, at))) {
                    placed++;
                }
            } catch (TandemException refusal) {
                log.warn("copy {} could not sell {} while stopping: {}", copyId, symbol, refusal.getMessage());
            }
        }
        return placed > 0 ? StopProgress.SELLING : StopProgress.WAITING;
    }

    /**
     * Closes a STOPPING copy if its stop is done and never sells (the copy-mirror process calls it
     * when an order of the copy closed after the stop's sells went out: an IOC sell that found no
     * buyer is released, and selling again at once would meet the same empty book). WAITING while an
     * order is open, SELLING while sellable positions remain (they wait for a trade in their symbol),
     * CLOSED once it returned everything. Not an {@code @Override} until the contract of the
     * copy-mirror process's branch (which adds it to {@link CopyEngine}) is merged.
     */
    public StopProgress finishStopIfDone(CopyId copyId, Instant at) {
        Objects.requireNonNull(copyId, "copyId");
        return inRequest(() -> look(copyId, at)).progress;
    }

    /** Where the stop stands, finishing it when nothing is open and nothing sellable is left. */
    private Look look(CopyId copyId, Instant at) {
        CopyAnswer copy = steps.describe(copyId);
        if (copy.status() == CopyStatus.CLOSED) {
            return new Look(StopProgress.CLOSED, List.of());
        }
        if (copy.status() != CopyStatus.STOPPING) {
            return new Look(StopProgress.NOT_STOPPING, List.of());
        }
        AccountHoldings holdings = steps.holdings(copy.copyAccountId());
        if (holdings.openReservations() > 0) {
            return new Look(StopProgress.WAITING, List.of());
        }
        List<Symbol> sellable = holdings.positions().stream().filter(this::sellable).map(Holding::symbol).toList();
        if (sellable.isEmpty()) {
            finish(copy, at);
            return new Look(StopProgress.CLOSED, List.of());
        }
        return new Look(StopProgress.SELLING, sellable);
    }

    /** Sells what is available now of {@code symbol}, within the instrument's per-order limits; false when nothing is. */
    private boolean sellWhileStopping(CopyId copyId, Symbol symbol, Instant at) {
        CopyAnswer copy = steps.describe(copyId);
        if (copy.status() != CopyStatus.STOPPING) {
            return false;
        }
        Optional<Price> protection = steps.orderEntry().protectionPrice(symbol, Side.SELL);
        Quantity available = CopySteps.available(steps.holdings(copy.copyAccountId()), symbol);
        if (protection.isEmpty() || !available.isPositive()) {
            return false;
        }
        Quantity quantity = withinOrderLimits(steps.spec(symbol), protection.get(), available);
        String clientOrderId = steps.commands().send(new RequestCopySellCommand(copyId, copy.copier(), false, symbol, quantity,
                true, at), ErrorCode.COPY_NOT_FOUND);
        steps.placeMarket(copy, clientOrderId, symbol, Side.SELL, quantity, protection.get(), at);
        return true;
    }

    /**
     * Returns everything the COPY account holds to the account the copy came from, closes the copy
     * and gives back the leader's slot and the copier's allowance.
     */
    private void finish(CopyAnswer copy, Instant at) {
        String transferId = CopyIds.transfer(copy.copyId(), RETURN_TRANSFER);
        AssetsTransferredOutEvent returned = steps.transfer(copy.copyAccountId(), copy.fromAccountId(), transferId, null, true,
                copy.copier());
        steps.commands().send(new FinishCopyCommand(copy.copyId(), transferId, returned.cash(), returned.positions(), at),
                ErrorCode.COPY_NOT_FOUND);
        steps.commands().send(new ReleaseCopySlotCommand(copy.leader(), copy.copyId()), ErrorCode.TRADER_NOT_FOUND);
        steps.commands().send(new ReleaseCopyAllowanceCommand(CopyIds.allowance(copy.copier()), copy.copyId()),
                ErrorCode.COPY_NOT_FOUND);
    }

    /** Whether the position could be sold at market now: its notional at the sell protection price reaches the minimum. */
    private boolean sellable(Holding position) {
        Optional<Price> protection = steps.orderEntry().protectionPrice(position.symbol(), Side.SELL);
        if (protection.isEmpty() || !position.quantity().isPositive()) {
            return false;
        }
        InstrumentSpec spec = steps.spec(position.symbol());
        return spec.notionalCents(protection.get(), position.quantity())
                .compareTo(BigDecimal.valueOf(spec.minOrderNotional().cents())) >= 0;
    }

    /**
     * The largest part of {@code available} one order may sell at {@code price}: at most the maximum
     * order quantity and the whole lots whose notional fits the maximum order notional (rounded down).
     * The rest is sold by the next call, once this order has closed. Copy sizing caps mirrored buys and
     * sells with it too, and closing a position by hand sells within it: one rule for every copy order.
     */
    static Quantity withinOrderLimits(InstrumentSpec spec, Price price, Quantity available) {
        Quantity quantity = Quantity.min(available, spec.maxOrderQuantity());
        BigDecimal perLot = spec.notionalCents(price, Quantity.ofLots(1));
        // Capped at the quantity before converting, so a tiny lot under a huge notional limit cannot overflow a long.
        long maxLots = BigDecimal.valueOf(spec.maxOrderNotional().cents()).divide(perLot, 0, RoundingMode.FLOOR)
                .min(BigDecimal.valueOf(quantity.lots())).longValueExact();
        return Quantity.min(quantity, Quantity.ofLots(Math.max(1, maxLots)));
    }

    /**
     * A request transaction of its own. Called inside someone else's unit of work it would become
     * part of that one, holding the copy's, the account's and the book's locks until the caller's
     * batch commits; the port forbids that, so it is refused loudly rather than half-working.
     */
    private <T> T inRequest(Supplier<T> work) {
        if (CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("the copy engine runs in its own request transaction; call it outside any unit of work");
        }
        return transactions.retrying(() -> transactions.inTransaction(work));
    }

    private static MirrorOutcome ignored() {
        return new MirrorOutcome(MirrorDecision.Kind.IGNORED, null, null);
    }

    /** The mirror's client order id was used for another order: the mirror was placed before. */
    private static final class AlreadyPlaced extends RuntimeException {

        AlreadyPlaced() {
            super("already placed", null, false, false);
        }
    }

    private record Look(StopProgress progress, List<Symbol> sellable) {
    }

    /**
     * Order entry refused a mirror order: rolls its transaction back and carries what the refusal
     * is recorded with. It has no cause on purpose: the request transaction reports the first
     * {@code TandemException} in a failure's causes instead of the failure.
     */
    private static final class MirrorRefused extends RuntimeException {

        private final String code;
        private final transient MirrorExplanation explanation;

        MirrorRefused(String code, String message, MirrorExplanation explanation) {
            super(message, null, false, false);
            this.code = code;
            this.explanation = explanation;
        }
    }
}
