package io.tandem.contracts.post;

import io.tandem.contracts.common.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A post appeared. TEXT posts carry their text, symbols and mentions ({@code trade} null); TRADE
 * posts carry the order's first fill in {@code trade} ({@code text} null, no client post id).
 */
@Revision("1")
public record PostCreatedEvent(PostId postId, UserId author, String clientPostId, PostKind kind, String text,
                               List<String> symbols, List<Mention> mentions, TradeSummary trade, Instant at) {
}
