package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import org.axonframework.serialization.Revision;

/**
 * The platform fee account received the fees and notional rounding of the trades
 * {@code firstTradeId} to {@code tradeId} of one book. Revision 1 events covered one trade and have
 * no {@code firstTradeId}; {@link #first()} answers {@code tradeId} for them.
 */
@Revision("2")
public record FeesCollectedEvent(AccountId accountId, TradeId tradeId, Cash amount, TradeId firstTradeId) {

    /** The fees of a single trade. */
    public FeesCollectedEvent(AccountId accountId, TradeId tradeId, Cash amount) {
        this(accountId, tradeId, amount, tradeId);
    }

    /** The first trade the collection covers. */
    public TradeId first() {
        return firstTradeId == null ? tradeId : firstTradeId;
    }
}
