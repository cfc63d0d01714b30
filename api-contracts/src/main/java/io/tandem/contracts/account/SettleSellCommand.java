package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Seller side of a trade: takes the quantity out of the order's position reservation and credits notional - fee. Idempotent by trade id. */
public record SettleSellCommand(@TargetAggregateIdentifier AccountId accountId, TradeId tradeId, OrderId orderId, Symbol symbol, Quantity quantity, Cash notional, Cash fee) {
}
