package io.tandem.contracts.orderbook;

import io.tandem.contracts.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Changes a live limit order. {@code newQuantity} (or null) is the new total quantity, filled part
 * included (FIX OrderQty on a cancel/replace), and must exceed the filled quantity. Reducing the
 * quantity keeps time priority; a price change or a larger quantity loses it, and a new price may
 * make the order trade at once. Answers with an {@link OrderResult}.
 */
public record AmendOrderCommand(@TargetAggregateIdentifier Symbol symbol, OrderId orderId, Price newPrice, Quantity newQuantity, Instant requestedAt) {
}
