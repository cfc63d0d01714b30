package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Moves {@code amount} from available to reserved cash for a buy order (price x quantity + max fee).
 * Sent again for the same order (after an amendment that needs more), it adds to that order's
 * reservation. {@code requestedBy} must own the account.
 */
public record ReserveCashCommand(@TargetAggregateIdentifier AccountId accountId, UserId requestedBy, OrderId orderId, Symbol symbol, Cash amount) {
}
