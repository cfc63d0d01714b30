package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import org.axonframework.serialization.Revision;

/** Reserved position fell by {@code quantity}; available cash grew by notional - fee. */
@Revision("1")
public record SellSettledEvent(AccountId accountId, TradeId tradeId, OrderId orderId, Symbol symbol, Quantity quantity, Cash notional, Cash fee) {
}
