package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Buyer side of a trade: takes notional + fee out of the order's cash reservation and credits the position. Idempotent by trade id. */
public record SettleBuyCommand(@TargetAggregateIdentifier AccountId accountId, TradeId tradeId, OrderId orderId, Symbol symbol, Quantity quantity, Cash notional, Cash fee) {
}
