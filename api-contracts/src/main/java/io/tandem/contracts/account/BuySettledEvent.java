package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import org.axonframework.serialization.Revision;

/** Reserved cash fell by notional + fee; the position grew by {@code quantity}. */
@Revision("1")
public record BuySettledEvent(AccountId accountId, TradeId tradeId, OrderId orderId, Symbol symbol, Quantity quantity, Cash notional, Cash fee) {
}
