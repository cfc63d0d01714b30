package io.tandem.saga.post;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import io.tandem.contracts.post.RecordTradeFillCommand;
import io.tandem.contracts.post.SocialIds;
import io.tandem.contracts.profile.TraderProfileSetEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * Turns the fills of sharing traders' public accounts into trade posts: for each side of a trade
 * whose account is the public account of a trader who shares trades, one
 * {@link RecordTradeFillCommand} for that side's order. The first fill creates the order's trade
 * post and later ones update it; the post counts each trade id once, so a redelivered or retried
 * batch posts nothing twice.
 * <p>
 * Who shares which account comes from the traders' profile events, kept in a table of this process
 * ({@link TradeSharing}, a table in infra) that changes in the batch's transaction together with the process's
 * position, so it survives restarts, and a trade is judged by the settings in force when it
 * executed (a trader who stops sharing stops at once; trades from before sharing began are never posted).
 * <p>
 * Replays: the profile handler rebuilds the table, the {@link ResetHandler} clears it first; the
 * trade handler sends commands, so it is {@link DisallowReplay}: a reset re-reads the profiles but
 * sends no fill again (those already recorded would change nothing anyway).
 * <p>
 * The commands target trade posts only, which nothing on the order path touches: a batch holds the
 * locks of the posts it updated until it commits, and no account or order-book lock, so this process
 * cannot hold up order entry or settlement.
 */
@Component
@ProcessingGroup(TradePostsProcessor.PROCESSING_GROUP)
public class TradePostsProcessor {

    public static final String PROCESSING_GROUP = "trade-posts";

    private final CommandGateway commandGateway;
    private final TradeSharing sharing;

    public TradePostsProcessor(CommandGateway commandGateway, TradeSharing sharing) {
        this.commandGateway = commandGateway;
        this.sharing = sharing;
    }

    @EventHandler
    void on(TraderProfileSetEvent event) {
        sharing.set(event.userId(), event.publicAccountId(), event.shareTrades());
    }

    @EventHandler
    @DisallowReplay
    void on(TradeExecutedEvent trade) {
        share(trade, trade.buyerAccountId(), trade.buyOrderId(), Side.BUY);
        share(trade, trade.sellerAccountId(), trade.sellOrderId(), Side.SELL);
    }

    @ResetHandler
    void reset() {
        sharing.clear();
    }

    private void share(TradeExecutedEvent trade, AccountId account, OrderId order, Side side) {
        sharing.sharerOf(account).ifPresent(user -> commandGateway.sendAndWait(new RecordTradeFillCommand(
                SocialIds.tradePost(order), user, account, order, trade.symbol(), side, trade.tradeId(), trade.price(),
                trade.quantity(), trade.executedAt())));
    }
}
