package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Moves {@code quantity} of a position from available to reserved for a sell order; adds to an existing reservation of that order. */
public record ReservePositionCommand(@TargetAggregateIdentifier AccountId accountId, UserId requestedBy, OrderId orderId, Symbol symbol, Quantity quantity) {
}
