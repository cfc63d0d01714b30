package io.tandem.contracts.orderbook;

import io.tandem.contracts.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Cancels a live order; answers with an {@link OrderResult}. A closed order is refused with ORDER_NOT_OPEN. */
public record CancelOrderCommand(@TargetAggregateIdentifier Symbol symbol, OrderId orderId, Instant requestedAt) {
}
