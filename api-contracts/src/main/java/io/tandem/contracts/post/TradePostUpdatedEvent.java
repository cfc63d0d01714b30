package io.tandem.contracts.post;

import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.common.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A later fill ({@code tradeId}) of a trade post's order: {@code trade} is the order's summary after it. */
@Revision("1")
public record TradePostUpdatedEvent(PostId postId, UserId author, TradeId tradeId, TradeSummary trade, Instant at) {
}
