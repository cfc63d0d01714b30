package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Credits the platform fee account with the fees and notional rounding of a run of consecutive
 * trades of one book, {@code firstTradeId} to {@code tradeId} (same symbol). Settlement collects
 * once per processed batch and book instead of once per trade, so the fee account, which every
 * trade pays into, is touched once per batch rather than serializing every trade. Idempotent by
 * trade sequence: a run the account has already collected for that symbol is ignored.
 */
public record CollectFeesCommand(@TargetAggregateIdentifier AccountId accountId, TradeId firstTradeId, TradeId tradeId,
                                 Cash amount) {

    /** The fees of a single trade. */
    public CollectFeesCommand(AccountId accountId, TradeId tradeId, Cash amount) {
        this(accountId, tradeId, tradeId, amount);
    }
}
