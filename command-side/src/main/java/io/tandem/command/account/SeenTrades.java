package io.tandem.command.account;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TradeId;

import java.util.HashMap;
import java.util.Map;

/**
 * The trade ids an account has handled for one purpose (buy settlement, sell settlement, fee
 * collection), kept so a command a saga resends is ignored. Trade ids are numbered per order book
 * ({@link TradeId#of(Symbol, long)}), so each symbol gets a {@link SeenSequences}: the platform fee
 * account, which collects on every trade, then holds one watermark per symbol plus the trades still
 * settling out of order instead of every trade id ever.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
final class SeenTrades {

    private Map<Symbol, SeenSequences> bySymbol = new HashMap<>();

    boolean contains(TradeId tradeId) {
        SeenSequences seen = bySymbol.get(tradeId.symbol());
        return seen != null && seen.contains(tradeId.sequence());
    }

    void add(TradeId tradeId) {
        bySymbol.computeIfAbsent(tradeId.symbol(), symbol -> new SeenSequences()).add(tradeId.sequence());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SeenTrades that && bySymbol.equals(that.bySymbol);
    }

    @Override
    public int hashCode() {
        return bySymbol.hashCode();
    }
}
