package io.tandem.command.copy;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TradeId;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which leader trades a copy has decided (mirrored or skipped): per symbol, the highest leader trade
 * sequence decided, and the symbols whose open position was mirrored at start (a decision without a
 * trade id). Constant space per symbol, as the account's {@code SettledUpTo}: this is exact because
 * the copy-mirror process hands a copy the leader's trades of one book in the book's order, so a
 * replayed trade is never above the watermark and a new one always is.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
final class DecidedTrades {

    private Map<Symbol, Long> upTo = new HashMap<>();
    private Set<Symbol> openPositions = new HashSet<>();

    /** Whether the trade (or, {@code leaderTradeId} null, the open position in {@code symbol}) was decided. */
    boolean covers(TradeId leaderTradeId, Symbol symbol) {
        if (leaderTradeId == null) {
            return openPositions.contains(symbol);
        }
        return leaderTradeId.sequence() <= upTo.getOrDefault(leaderTradeId.symbol(), 0L);
    }

    void decided(TradeId leaderTradeId, Symbol symbol) {
        if (leaderTradeId == null) {
            openPositions.add(symbol);
        } else {
            upTo.merge(leaderTradeId.symbol(), leaderTradeId.sequence(), Math::max);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DecidedTrades that && upTo.equals(that.upTo) && openPositions.equals(that.openPositions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(upTo, openPositions);
    }
}
