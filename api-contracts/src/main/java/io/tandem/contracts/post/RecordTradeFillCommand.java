package io.tandem.contracts.post;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * One fill of a sharing trader's order on its public account: the first creates the order's trade
 * post ({@code postId} = {@link SocialIds#tradePost}), later ones update it. A trade id already
 * recorded changes nothing (settlement-style redelivery is safe).
 */
public record RecordTradeFillCommand(@TargetAggregateIdentifier PostId postId, UserId author, AccountId accountId,
                                     OrderId orderId, Symbol symbol, Side side, TradeId tradeId, Price price,
                                     Quantity quantity, Instant at) {
}
