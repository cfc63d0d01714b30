package io.tandem.saga.settlement;

import io.tandem.contracts.account.CloseReservationCommand;
import io.tandem.contracts.account.CollectFeesCommand;
import io.tandem.contracts.account.SettleBuyCommand;
import io.tandem.contracts.account.SettleSellCommand;
import io.tandem.contracts.orderbook.OrderCancelledEvent;
import io.tandem.contracts.orderbook.OrderFilledEvent;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Settles every trade and gives back what closed orders no longer hold, reading the order books'
 * events in order (the processor's default sequencing keeps each book in one segment):
 * <ul>
 *   <li>a trade: the buyer's order reservation pays notional + fee and the buyer receives the
 *       position; the seller's reserved position goes and the seller receives notional - fee. The
 *       cash legs come from the trade event as they are, so nothing is recomputed or re-rounded.</li>
 *   <li>the platform fee account receives each trade's {@link TradeExecutedEvent#platformCredit()},
 *       gathered per book over the batch ({@link FeeRuns}) and collected once at the batch's last
 *       event: one command per batch and book instead of one per trade on an account every trade
 *       touches. A run that credits nothing sends nothing. A batch that would commit with fees
 *       still uncollected fails instead (so a future change that skips the last event cannot drop
 *       fees silently).</li>
 *   <li>an order that filled or was cancelled: its account releases what is left of its reservation.
 *       The order's fills come before its close in the book's stream, so they have settled by then.</li>
 * </ul>
 * The commands run in units of work nested in the batch's, so they commit together with the
 * processor's position in one transaction; a failure fails the batch, which is retried from its
 * first event, and every account command is idempotent (per-symbol trade watermarks, see the
 * account), so a retried or redelivered batch moves nothing twice.
 * <p>
 * The handlers send commands, so they must not run during a replay ({@link DisallowReplay}).
 */
@Component
@ProcessingGroup(SettlementProcessor.PROCESSING_GROUP)
public class SettlementProcessor {

    public static final String PROCESSING_GROUP = "settlement";
    private static final String FEE_RUNS = SettlementProcessor.class.getName() + ".feeRuns";

    private final CommandGateway commandGateway;
    private final SettlementProperties settings;

    public SettlementProcessor(CommandGateway commandGateway, SettlementProperties settings) {
        this.commandGateway = commandGateway;
        this.settings = settings;
    }

    @EventHandler
    @DisallowReplay
    void on(TradeExecutedEvent trade) {
        commandGateway.sendAndWait(new SettleBuyCommand(trade.buyerAccountId(), trade.tradeId(), trade.buyOrderId(),
                trade.symbol(), trade.quantity(), trade.buyerNotional(), trade.buyerFee()));
        commandGateway.sendAndWait(new SettleSellCommand(trade.sellerAccountId(), trade.tradeId(), trade.sellOrderId(),
                trade.symbol(), trade.quantity(), trade.sellerNotional(), trade.sellerFee()));
        FeeRuns runs = feeRuns();
        runs.add(trade);
        collectAtEndOfBatch(runs);
    }

    @EventHandler
    @DisallowReplay
    void on(OrderFilledEvent event) {
        commandGateway.sendAndWait(new CloseReservationCommand(event.accountId(), event.orderId(), event.filledQuantity()));
        collectAtEndOfBatch(feeRuns());
    }

    @EventHandler
    @DisallowReplay
    void on(OrderCancelledEvent event) {
        commandGateway.sendAndWait(new CloseReservationCommand(event.accountId(), event.orderId(), event.filledQuantity()));
        collectAtEndOfBatch(feeRuns());
    }

    /**
     * The batch's fee runs, kept on its unit of work (a fresh set when there is none, so that each
     * event then collects its own fees).
     */
    private FeeRuns feeRuns() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new FeeRuns();
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(FEE_RUNS, key -> {
            FeeRuns runs = new FeeRuns();
            root.onPrepareCommit(u -> {
                if (!runs.isEmpty()) {
                    throw new IllegalStateException("the batch ends with fees it did not collect: " + runs.runs());
                }
            });
            return runs;
        });
    }

    /** Collects the batch's fees at its last event (or at once, outside a batch). */
    private void collectAtEndOfBatch(FeeRuns runs) {
        if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> batch
                && !batch.isLastMessage()) {
            return;
        }
        for (FeeRuns.Run run : runs.runs()) {
            if (!run.creditsNothing()) {
                commandGateway.sendAndWait(new CollectFeesCommand(settings.feeAccount(), run.first(), run.credits()));
            }
        }
        runs.clear();
    }
}
