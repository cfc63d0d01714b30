package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Credits the platform fee account with the platform credit (fees and notional rounding) of a run
 * of consecutive trades of one book: {@code credits.get(i)} is that of trade
 * {@code firstTradeId + i}. Settlement collects once per processed batch and book instead of once
 * per trade, so the fee account, which every trade pays into, is touched once per batch rather than
 * serializing every trade. Idempotent per trade: the account credits only the trades above what it
 * has collected for the symbol, however a repeated run's boundaries fall.
 */
public record CollectFeesCommand(@TargetAggregateIdentifier AccountId accountId, TradeId firstTradeId, List<Cash> credits) {

    public CollectFeesCommand {
        credits = List.copyOf(credits);
        if (credits.isEmpty()) {
            throw new IllegalArgumentException("a fee run holds at least one trade");
        }
    }

    /** The fees of a single trade. */
    public CollectFeesCommand(AccountId accountId, TradeId tradeId, Cash amount) {
        this(accountId, tradeId, List.of(amount));
    }

    /** The last trade of the run. */
    public TradeId lastTradeId() {
        return TradeId.of(firstTradeId.symbol(), firstTradeId.sequence() + credits.size() - 1);
    }
}
