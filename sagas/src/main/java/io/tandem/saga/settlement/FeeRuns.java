package io.tandem.saga.settlement;

import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.orderbook.TradeExecutedEvent;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The platform credits of the trades one batch settles, summed per book: each book's trades reach
 * settlement in order, so a batch holds a run of consecutive trades per book, and its fees are
 * collected with one command per book.
 */
final class FeeRuns {

    /** Fees of the trades {@code first} to {@code last} of one book. */
    record Run(TradeId first, TradeId last, Cash amount) {
    }

    private final Map<Symbol, Run> runs = new LinkedHashMap<>();

    void add(TradeExecutedEvent trade) {
        runs.merge(trade.symbol(), new Run(trade.tradeId(), trade.tradeId(), trade.platformCredit()),
                (run, next) -> new Run(run.first(), next.last(), run.amount().plus(next.amount())));
    }

    Collection<Run> runs() {
        return runs.values();
    }

    boolean isEmpty() {
        return runs.isEmpty();
    }

    void clear() {
        runs.clear();
    }
}
