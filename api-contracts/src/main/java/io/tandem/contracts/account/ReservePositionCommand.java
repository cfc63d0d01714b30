package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Moves {@code quantity} of a position from available to reserved for a sell order; adds to an
 * existing reservation of that order. A COPY account takes orders from the copy engine only
 * ({@code copyEngine} true); anyone else is refused with COPY_ACCOUNT_MANAGED.
 */
public record ReservePositionCommand(@TargetAggregateIdentifier AccountId accountId, UserId requestedBy, OrderId orderId, Symbol symbol, Quantity quantity,
                                     boolean copyEngine) {

    /** A reservation for an order a client placed (not the copy engine). */
    public ReservePositionCommand(AccountId accountId, UserId requestedBy, OrderId orderId, Symbol symbol, Quantity quantity) {
        this(accountId, requestedBy, orderId, symbol, quantity, false);
    }
}
