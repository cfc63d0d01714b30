package io.tandem.saga.settlement;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.tandem.contracts.account.BuySettledEvent;
import io.tandem.contracts.account.CollectFeesCommand;
import io.tandem.contracts.account.FeesCollectedEvent;
import io.tandem.contracts.account.SellSettledEvent;
import io.tandem.contracts.account.SettleBuyCommand;
import io.tandem.contracts.account.SettleSellCommand;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles one trade: the buyer pays notional + fee out of its order's reservation and receives the
 * position, the seller delivers the reserved position and receives notional - fee, and the platform
 * fee account receives the difference. The cash legs come from the trade event as they are, so
 * settlement never recomputes (or re-rounds) anything.
 * <p>
 * The account commands are idempotent by trade id, so sending them again is harmless, and the saga
 * relies on that: a persistent deadline sends every leg that is still unconfirmed again after
 * {@code tandem.settlement.retry-delay}, and again until all three accounts have confirmed, so a
 * command lost on its way (a crash, a transient failure) cannot leave a trade half settled. A leg
 * that has nothing to move (no fees) counts as confirmed from the start. The deadline is cancelled
 * when the saga ends. Its state is the trade and three flags, so the saga store can keep it as JSON.
 */
@Saga
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
@ProcessingGroup(SettlementSaga.PROCESSING_GROUP)
public class SettlementSaga {

    public static final String PROCESSING_GROUP = "settlement";
    /** Association key: every event of a trade's settlement carries its trade id under this name. */
    public static final String TRADE_ID = "tradeId";
    /** Deadline: send the legs that are still unconfirmed again. Its payload is the trade id. */
    public static final String RETRY_DEADLINE = "settlement-retry";

    private static final Logger log = LoggerFactory.getLogger(SettlementSaga.class);

    private TradeExecutedEvent trade;
    private TradeId tradeId;
    private boolean buySettled;
    private boolean sellSettled;
    private boolean feesCollected;

    @StartSaga
    @SagaEventHandler(associationProperty = TRADE_ID)
    public void on(TradeExecutedEvent trade, CommandGateway commandGateway, DeadlineManager deadlines,
                   SettlementProperties settings) {
        if (this.trade == null) {
            this.trade = trade;
            tradeId = trade.tradeId();
            feesCollected = trade.platformCredit().isZero();
            deadlines.schedule(settings.retryDelay(), RETRY_DEADLINE, tradeId);
        }
        sendUnconfirmedLegs(commandGateway, settings);
    }

    @DeadlineHandler(deadlineName = RETRY_DEADLINE)
    public void retry(TradeId trade, CommandGateway commandGateway, DeadlineManager deadlines, SettlementProperties settings) {
        log.warn("Settlement of trade {} still waits for confirmations (buy {}, sell {}, fees {}); sending the missing legs again",
                trade, buySettled, sellSettled, feesCollected);
        sendUnconfirmedLegs(commandGateway, settings);
        deadlines.schedule(settings.retryDelay(), RETRY_DEADLINE, tradeId);
    }

    @SagaEventHandler(associationProperty = TRADE_ID)
    public void on(BuySettledEvent event, DeadlineManager deadlines) {
        buySettled = true;
        endWhenSettled(deadlines);
    }

    @SagaEventHandler(associationProperty = TRADE_ID)
    public void on(SellSettledEvent event, DeadlineManager deadlines) {
        sellSettled = true;
        endWhenSettled(deadlines);
    }

    @SagaEventHandler(associationProperty = TRADE_ID)
    public void on(FeesCollectedEvent event, DeadlineManager deadlines) {
        feesCollected = true;
        endWhenSettled(deadlines);
    }

    private void sendUnconfirmedLegs(CommandGateway commandGateway, SettlementProperties settings) {
        if (!buySettled) {
            send(commandGateway, new SettleBuyCommand(trade.buyerAccountId(), trade.tradeId(), trade.buyOrderId(),
                    trade.symbol(), trade.quantity(), trade.buyerNotional(), trade.buyerFee()));
        }
        if (!sellSettled) {
            send(commandGateway, new SettleSellCommand(trade.sellerAccountId(), trade.tradeId(), trade.sellOrderId(),
                    trade.symbol(), trade.quantity(), trade.sellerNotional(), trade.sellerFee()));
        }
        if (!feesCollected) {
            send(commandGateway, new CollectFeesCommand(settings.feeAccount(), trade.tradeId(), trade.platformCredit()));
        }
    }

    private void endWhenSettled(DeadlineManager deadlines) {
        if (buySettled && sellSettled && feesCollected) {
            deadlines.cancelAllWithinScope(RETRY_DEADLINE);
            SagaLifecycle.end();
        }
    }

    private void send(CommandGateway commandGateway, Object command) {
        commandGateway.send(command).whenComplete((result, failure) -> {
            if (failure != null) {
                log.error("Settlement of trade {} could not send {}", tradeId, command.getClass().getSimpleName(), failure);
            }
        });
    }
}
