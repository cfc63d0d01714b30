package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Moves {@code amount} from available to reserved cash for a buy order (price x quantity + max fee).
 * Sent again for the same order (after an amendment that needs more), it adds to that order's
 * reservation. {@code requestedBy} must own the account. A COPY account takes orders from the copy
 * engine only ({@code copyEngine} true); anyone else is refused with COPY_ACCOUNT_MANAGED.
 */
public record ReserveCashCommand(@TargetAggregateIdentifier AccountId accountId, UserId requestedBy, OrderId orderId, Symbol symbol, Cash amount,
                                 boolean copyEngine) {

    /** A reservation for an order a client placed (not the copy engine). */
    public ReserveCashCommand(AccountId accountId, UserId requestedBy, OrderId orderId, Symbol symbol, Cash amount) {
        this(accountId, requestedBy, orderId, symbol, amount, false);
    }
}
