package io.tandem.saga.post;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import io.tandem.contracts.post.RecordTradeFillCommand;
import io.tandem.contracts.post.SocialIds;
import io.tandem.contracts.profile.TraderProfileSetEvent;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Optional;

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
 * <p>
 * A fill the post refuses for good (a non-positive quantity, a notional that overflows a long, any
 * refusal with an error code other than CONCURRENT_MODIFICATION) is logged at WARN and left out:
 * the batch fails on anything thrown, and this processor retries a failed batch until it succeeds,
 * so rethrowing such a refusal would stop every later trade post for good. Anything else (a lost
 * race, a database error) is rethrown, and the batch is retried. The refused command changes
 * nothing: the post throws before applying an event, and its nested unit of work only joins the
 * batch's transaction, so its rollback does not spoil the batch.
 */
@Component
@ProcessingGroup(TradePostsProcessor.PROCESSING_GROUP)
public class TradePostsProcessor {

    public static final String PROCESSING_GROUP = "trade-posts";

    private static final Logger log = LoggerFactory.getLogger(TradePostsProcessor.class);

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
        Optional<UserId> sharer = sharing.sharerOf(account);
        if (sharer.isEmpty()) {
            return;
        }
        RecordTradeFillCommand fill = new RecordTradeFillCommand(SocialIds.tradePost(order), sharer.get(), account, order,
                trade.symbol(), side, trade.tradeId(), trade.price(), trade.quantity(), trade.executedAt());
        try {
            commandGateway.sendAndWait(fill);
        } catch (RuntimeException e) {
            if (!refusedForGood(e)) {
                throw e;
            }
            log.warn("Trade post {} refused fill {} of order {} ({} lots at {} ticks); the fill is left out: {}",
                    fill.postId(), trade.tradeId(), order, trade.quantity().lots(), trade.price().ticks(), e.toString());
        }
    }

    /**
     * Whether {@code failure} is the post's refusal of this very fill, which would be the same on every retry:
     * malformed input (IllegalArgumentException), overflowing arithmetic (ArithmeticException), or a refusal
     * with an error code other than CONCURRENT_MODIFICATION, as is (local command bus) or as the details of a
     * {@link CommandExecutionException} (distributed command bus).
     */
    static boolean refusedForGood(Throwable failure) {
        if (failure instanceof TandemException refusal) {
            return refusal.code() != ErrorCode.CONCURRENT_MODIFICATION;
        }
        if (failure instanceof CommandExecutionException remote) {
            Optional<ErrorCode> code = ErrorCode.fromDetails(remote.getDetails().orElse(null));
            if (code.isPresent()) {
                return code.get() != ErrorCode.CONCURRENT_MODIFICATION;
            }
            return remote.getCause() != null && remote.getCause() != remote && refusedForGood(remote.getCause());
        }
        return failure instanceof IllegalArgumentException || failure instanceof ArithmeticException;
    }
}
