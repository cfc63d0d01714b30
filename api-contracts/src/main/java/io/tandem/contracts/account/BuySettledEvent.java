package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import org.axonframework.serialization.Revision;

/**
 * A buy of {@code quantity} settled for notional + fee; the position grew by {@code quantity}. The
 * cost comes out of the order's reservation; {@code shortfall} is the part the reservation could not
 * cover, which came out of available cash instead (zero unless something upstream under-reserved,
 * which the account logs as an error). Revision 1 events have no {@code shortfall}; {@link #shortfallCents()}
 * reads it as zero for them (the aggregate recomputes it from its own state when it replays them).
 */
@Revision("2")
public record BuySettledEvent(AccountId accountId, TradeId tradeId, OrderId orderId, Symbol symbol, Quantity quantity,
                              Cash notional, Cash fee, Cash shortfall) {

    /** A settlement that the order's reservation covered in full. */
    public BuySettledEvent(AccountId accountId, TradeId tradeId, OrderId orderId, Symbol symbol, Quantity quantity,
                           Cash notional, Cash fee) {
        this(accountId, tradeId, orderId, symbol, quantity, notional, fee, Cash.ZERO);
    }

    /** Notional plus fee, in cents. */
    public long costCents() {
        return Math.addExact(notional.cents(), fee.cents());
    }

    /** The cents taken from available cash rather than from the reservation; zero for revision 1 events. */
    public long shortfallCents() {
        return shortfall == null ? 0 : shortfall.cents();
    }
}
