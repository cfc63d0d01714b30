package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import org.axonframework.serialization.Revision;

/**
 * A sell of {@code quantity} settled; available cash grew by notional - fee. The lots come out of the
 * order's reserved position; {@code shortfall} is the part the reservation could not cover, which came
 * out of the available position instead (zero unless something upstream under-reserved, which the
 * account logs as an error). Revision 1 events have no {@code shortfall}; {@link #shortfallLots()} reads
 * it as zero for them (the aggregate recomputes it from its own state when it replays them).
 */
@Revision("2")
public record SellSettledEvent(AccountId accountId, TradeId tradeId, OrderId orderId, Symbol symbol, Quantity quantity,
                               Cash notional, Cash fee, Quantity shortfall) {

    /** A settlement that the order's reserved position covered in full. */
    public SellSettledEvent(AccountId accountId, TradeId tradeId, OrderId orderId, Symbol symbol, Quantity quantity,
                            Cash notional, Cash fee) {
        this(accountId, tradeId, orderId, symbol, quantity, notional, fee, Quantity.ZERO);
    }

    /** The lots taken from the available position rather than from the reservation; zero for revision 1 events. */
    public long shortfallLots() {
        return shortfall == null ? 0 : shortfall.lots();
    }
}
