package io.tandem.command.post;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.post.CreatePostCommand;
import io.tandem.contracts.post.DeletePostCommand;
import io.tandem.contracts.post.PostCreatedEvent;
import io.tandem.contracts.post.PostDeletedEvent;
import io.tandem.contracts.post.PostId;
import io.tandem.contracts.post.PostKind;
import io.tandem.contracts.post.RecordTradeFillCommand;
import io.tandem.contracts.post.SocialIds;
import io.tandem.contracts.post.TradePostUpdatedEvent;
import io.tandem.contracts.post.TradeSummary;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One post: a TEXT post its author wrote, or the TRADE post of one order of a sharing trader's
 * public account. Its id is derived from what names it ({@link SocialIds}), so a retried request or a
 * redelivered fill lands here again and changes nothing:
 * <ul>
 *   <li>the same text post again answers the same id; the same client post id with another text is
 *       POST_CONFLICT;</li>
 *   <li>a fill already counted (by trade id) changes nothing. The set of counted trade ids is that of
 *       one order, so it is bounded by the order's fills;</li>
 *   <li>deleting a deleted post changes nothing; only the author or an admin may delete (FORBIDDEN).</li>
 * </ul>
 * A trade post's average price is {@code sum(price x lots) / sum(lots)} in ticks, rounded half-even
 * to a whole tick ({@link #averageTicks}); the exact sum travels in the summary, so a later fill
 * extends it without rounding twice. Entry (for text) and the trade-posts process (for fills) have
 * checked everything that needs other data; times come in the commands.
 * <p>
 * Cached and snapshotted ({@link PostConfiguration}): each fill of an order updates its trade post,
 * and replaying the post's history for each would be quadratic in the order's fills. Snapshots are
 * taken through Jackson, so all state is plain fields Jackson can read and write back; the
 * {@code @Revision} names the snapshot layout (bump it when the fields change shape: Axon then
 * ignores older snapshots and replays the events).
 */
@Revision("1")
@Aggregate(snapshotTriggerDefinition = PostConfiguration.SNAPSHOT_TRIGGER, cache = PostConfiguration.CACHE)
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class Post {

    private static final Logger log = LoggerFactory.getLogger(Post.class);

    @AggregateIdentifier
    private PostId postId;
    private UserId author;
    private PostKind kind;
    private String text;
    private TradeSummary trade;
    private Set<TradeId> countedTrades = new HashSet<>();
    private boolean deleted;

    protected Post() {
        // Axon rebuilds the post from its events.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public PostId handle(CreatePostCommand command) {
        if (!command.postId().equals(SocialIds.post(command.author(), command.clientPostId()))) {
            throw new IllegalArgumentException("post id " + command.postId() + " is not the one of its author's client post id");
        }
        if (postId != null) {
            if (kind != PostKind.TEXT || !author.equals(command.author()) || !Objects.equals(text, command.text())) {
                throw new TandemException(ErrorCode.POST_CONFLICT, "post '" + command.clientPostId()
                        + "' already exists with another text");
            }
            return postId;
        }
        apply(new PostCreatedEvent(command.postId(), command.author(), command.clientPostId(), PostKind.TEXT, command.text(),
                List.copyOf(command.symbols()), List.copyOf(command.mentions()), null, command.at()));
        return postId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public PostId handle(RecordTradeFillCommand command) {
        if (!command.postId().equals(SocialIds.tradePost(command.orderId()))) {
            throw new IllegalArgumentException("post id " + command.postId() + " is not the trade post of order " + command.orderId());
        }
        if (!command.quantity().isPositive()) {
            throw new IllegalArgumentException("a fill has a positive quantity");
        }
        long notional = Math.multiplyExact(command.price().ticks(), command.quantity().lots());
        if (postId == null) {
            TradeSummary first = new TradeSummary(command.symbol(), command.orderId(), command.accountId(), command.side(),
                    command.quantity(), command.price(), notional);
            apply(new PostCreatedEvent(command.postId(), command.author(), null, PostKind.TRADE, null, List.of(), List.of(),
                    first, command.at(), command.tradeId()));
            return postId;
        }
        if (deleted || countedTrades.contains(command.tradeId())) {
            return postId;
        }
        if (!author.equals(command.author()) || !trade.accountId().equals(command.accountId())) {
            // Not expected (an order belongs to one account, a public account to its owner); refusing
            // would hold up the trade-posts process for good, so the fill is left out and logged.
            log.warn("Fill {} of order {} names author {} and account {}, but trade post {} is {}'s on {}; not counted",
                    command.tradeId(), command.orderId(), command.author(), command.accountId(), postId, author, trade.accountId());
            return postId;
        }
        long total = Math.addExact(trade.notionalTickLots(), notional);
        Quantity filled = trade.filledQuantity().plus(command.quantity());
        TradeSummary summary = new TradeSummary(trade.symbol(), trade.orderId(), trade.accountId(), trade.side(), filled,
                Price.ofTicks(averageTicks(total, filled.lots())), total);
        apply(new TradePostUpdatedEvent(postId, author, command.tradeId(), summary, command.at()));
        return postId;
    }

    @CommandHandler
    public void handle(DeletePostCommand command) {
        if (!command.admin() && !author.equals(command.caller())) {
            throw new TandemException(ErrorCode.FORBIDDEN, "only the author or an admin may delete post " + postId);
        }
        if (!deleted) {
            apply(new PostDeletedEvent(postId, author, command.caller(), command.at()));
        }
    }

    /** {@code tickLots / lots} rounded half-even to a whole tick, without leaving long arithmetic. */
    static long averageTicks(long tickLots, long lots) {
        if (tickLots < 0 || lots <= 0) {
            throw new IllegalArgumentException("an average needs a non-negative sum and positive lots");
        }
        long quotient = tickLots / lots;
        long remainder = tickLots % lots;
        long rest = lots - remainder;
        if (remainder > rest || (remainder == rest && (quotient & 1) == 1)) {
            return quotient + 1;
        }
        return quotient;
    }

    @EventSourcingHandler
    void on(PostCreatedEvent event) {
        postId = event.postId();
        author = event.author();
        kind = event.kind();
        text = event.text();
        trade = event.trade();
        if (event.tradeId() != null) {
            countedTrades.add(event.tradeId());
        }
    }

    @EventSourcingHandler
    void on(TradePostUpdatedEvent event) {
        trade = event.trade();
        countedTrades.add(event.tradeId());
    }

    @EventSourcingHandler
    void on(PostDeletedEvent event) {
        deleted = true;
    }
}
