package io.tandem.contracts.post;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;

/**
 * What a trade post shows of its order so far: the filled quantity and the average fill price,
 * {@code sum(price x quantity) / sum(quantity)} in ticks rounded half-even to a whole tick.
 * {@code notionalTickLots} is that exact sum, so later fills extend the average without rounding twice.
 */
public record TradeSummary(Symbol symbol, OrderId orderId, AccountId accountId, Side side, Quantity filledQuantity,
                           Price averagePrice, long notionalTickLots) {
}
