package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import org.axonframework.serialization.Revision;

/**
 * The platform fee account received {@code amount}: the fees and notional rounding of the trades
 * {@code firstTradeId} to {@code lastTradeId} (both included) of one book.
 * <p>
 * Revision 3 names the run by both its ends. Revisions 1 and 2 had a field {@code tradeId}, which in
 * a run of trades meant its last trade (an ambiguous name once fees were collected per batch), and
 * revision 2's {@code firstTradeId} was absent from revision 1 payloads (a run of one trade), so every
 * consumer had to know to derive it from {@code tradeId}. {@code FeesCollectedEventUpcaster} in infra
 * rewrites stored revision 1 and 2 payloads into this shape when they are read (renames
 * {@code tradeId} to {@code lastTradeId}, fills a missing {@code firstTradeId} with it), so both ends
 * are always present. No payload without a revision exists: the event had one from the start.
 */
@Revision("3")
public record FeesCollectedEvent(AccountId accountId, TradeId firstTradeId, TradeId lastTradeId, Cash amount) {

    public FeesCollectedEvent {
        if (firstTradeId == null || lastTradeId == null) {
            throw new IllegalArgumentException("a fee run needs its first and last trade");
        }
    }

    /** The fees of a single trade. */
    public FeesCollectedEvent(AccountId accountId, TradeId tradeId, Cash amount) {
        this(accountId, tradeId, tradeId, amount);
    }
}
