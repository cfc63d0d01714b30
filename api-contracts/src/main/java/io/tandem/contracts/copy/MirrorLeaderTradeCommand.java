package io.tandem.contracts.copy;

import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.orderbook.InstrumentSpec;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Sizes the mirror of one leader trade (or, with {@code leaderTradeId} null, of the leader's open
 * position in {@code symbol} at start) in this copy and records the decision: a
 * {@link LeaderTradeMirroredEvent} (the order copy entry then places in the same transaction) or a
 * {@link LeaderTradeSkippedEvent}. Answers a {@link MirrorDecision}; IGNORED when the copy is not
 * ACTIVE or has already decided this leader trade (it remembers, per symbol, the highest leader trade
 * sequence it decided: leader trades of one book arrive in sequence order), so a replayed trade
 * places nothing twice.
 * <p>
 * Inputs are facts at the moment before the leader's trade, computed by the copy engine without
 * touching the leader's account or book: both equities, the leader's position before the trade; and,
 * read from the COPY account in this transaction, what it can spend and sell now.
 *
 * @param protectionPrice the market order's protection price (last price plus or minus the collar),
 *                        at which a buy reserves cash; the cash cut and the minimum notional use it
 */
public record MirrorLeaderTradeCommand(@TargetAggregateIdentifier CopyId copyId, TradeId leaderTradeId, Symbol symbol,
                                       Side side, Quantity leaderQuantity, Price leaderPrice, Cash leaderEquity,
                                       Cash copyEquity, Quantity leaderPositionBefore, Cash copyAvailableCash,
                                       Quantity copyAvailablePosition, Price protectionPrice, InstrumentSpec spec,
                                       OrderId orderId, Instant at) {
}
