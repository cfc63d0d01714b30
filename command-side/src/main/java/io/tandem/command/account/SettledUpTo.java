package io.tandem.command.account;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TradeId;

import java.util.HashMap;
import java.util.Map;

/**
 * How far an account has settled the trades of each book for one purpose (buy legs, sell legs,
 * fee collection): the highest trade sequence handled per symbol. One number per symbol, however
 * many trades the account took part in, so the state stays bounded by the instruments it trades.
 * <p>
 * This is exact because settlement hands each account the trades of one book in the book's order:
 * the settlement processor reads each book's events in sequence (one segment per book), sends the
 * legs of a batch in order and commits them with its token, and a failed batch is retried from its
 * first event. A repeated leg is therefore never above the watermark, and a new one always is.
 * (Settlement by the saga of earlier versions did not keep that order: drain it before upgrading,
 * see {@code SettlementUpgradeGuard} in infra.)
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
final class SettledUpTo {

    private Map<Symbol, Long> bySymbol = new HashMap<>();

    /** Whether the trade is at or below what has been settled for its symbol. */
    boolean covers(TradeId tradeId) {
        return tradeId.sequence() <= upTo(tradeId.symbol());
    }

    long upTo(Symbol symbol) {
        return bySymbol.getOrDefault(symbol, 0L);
    }

    /** Moves the symbol's watermark up to the trade (never down). */
    void advance(TradeId tradeId) {
        bySymbol.merge(tradeId.symbol(), tradeId.sequence(), Math::max);
    }

    int size() {
        return bySymbol.size();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SettledUpTo that && bySymbol.equals(that.bySymbol);
    }

    @Override
    public int hashCode() {
        return bySymbol.hashCode();
    }
}
