package io.tandem.saga.settlement;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.tandem.contracts.account.BuySettledEvent;
import io.tandem.contracts.account.CollectFeesCommand;
import io.tandem.contracts.account.FeesCollectedEvent;
import io.tandem.contracts.account.SellSettledEvent;
import io.tandem.contracts.account.SettleBuyCommand;
import io.tandem.contracts.account.SettleSellCommand;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
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
 * The account commands are idempotent by trade id, so sending them again (after a restart or a
 * redelivered event) is harmless. The saga ends once the three accounts have confirmed; a leg that
 * has nothing to move (no fees) counts as confirmed from the start. Its state is a few plain
 * fields so that the saga store can keep it as JSON.
 */
@Saga
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
@ProcessingGroup(SettlementSaga.PROCESSING_GROUP)
public class SettlementSaga {

    public static final String PROCESSING_GROUP = "settlement";
    /** Association key: every event of a trade's settlement carries its trade id under this name. */
    public static final String TRADE_ID = "tradeId";

    private static final Logger log = LoggerFactory.getLogger(SettlementSaga.class);

    private TradeId tradeId;
    private boolean buySettled;
    private boolean sellSettled;
    private boolean feesCollected;

    @StartSaga
    @SagaEventHandler(associationProperty = TRADE_ID)
    public void on(TradeExecutedEvent trade, CommandGateway commandGateway, SettlementProperties settings) {
        tradeId = trade.tradeId();
        send(commandGateway, new SettleBuyCommand(trade.buyerAccountId(), trade.tradeId(), trade.buyOrderId(),
                trade.symbol(), trade.quantity(), trade.buyerNotional(), trade.buyerFee()));
        send(commandGateway, new SettleSellCommand(trade.sellerAccountId(), trade.tradeId(), trade.sellOrderId(),
                trade.symbol(), trade.quantity(), trade.sellerNotional(), trade.sellerFee()));
        Cash platformCredit = trade.platformCredit();
        if (platformCredit.isZero()) {
            feesCollected = true;
        } else {
            send(commandGateway, new CollectFeesCommand(settings.feeAccount(), trade.tradeId(), platformCredit));
        }
    }

    @SagaEventHandler(associationProperty = TRADE_ID)
    public void on(BuySettledEvent event) {
        buySettled = true;
        endWhenSettled();
    }

    @SagaEventHandler(associationProperty = TRADE_ID)
    public void on(SellSettledEvent event) {
        sellSettled = true;
        endWhenSettled();
    }

    @SagaEventHandler(associationProperty = TRADE_ID)
    public void on(FeesCollectedEvent event) {
        feesCollected = true;
        endWhenSettled();
    }

    private void endWhenSettled() {
        if (buySettled && sellSettled && feesCollected) {
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
