package io.tandem.contracts.post;

import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.common.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A post appeared. TEXT posts carry their text, symbols and mentions ({@code trade} null); TRADE
 * posts carry the order's first fill in {@code trade} ({@code text} null, no client post id).
 * <p>
 * {@code tradeId} is the fill that created a TRADE post (null for TEXT posts): the post remembers
 * which fills it has counted, so a redelivered first fill is not counted twice. The constructor
 * without it builds TEXT posts' events (and those of tests) with {@code tradeId} null.
 */
@Revision("1")
public record PostCreatedEvent(PostId postId, UserId author, String clientPostId, PostKind kind, String text,
                               List<String> symbols, List<Mention> mentions, TradeSummary trade, Instant at,
                               TradeId tradeId) {

    public PostCreatedEvent(PostId postId, UserId author, String clientPostId, PostKind kind, String text,
                            List<String> symbols, List<Mention> mentions, TradeSummary trade, Instant at) {
        this(postId, author, clientPostId, kind, text, symbols, mentions, trade, at, null);
    }
}
