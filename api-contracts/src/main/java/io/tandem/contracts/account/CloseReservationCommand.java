package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The order is no longer live (filled or cancelled) with {@code filledQuantity} filled in total.
 * The account releases what is left of the order's reservation as soon as every fill has settled,
 * which may be now or when the last settlement arrives. Idempotent.
 */
public record CloseReservationCommand(@TargetAggregateIdentifier AccountId accountId, OrderId orderId, Quantity filledQuantity) {
}
