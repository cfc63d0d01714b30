package io.tandem.saga.settlement;

import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.orderbook.TradeExecutedEvent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform credits of the trades one batch settles, summed per book: each book's trades reach
 * settlement in order, so a batch holds a run of consecutive trades per book, and its fees are
 * collected with one command per book.
 */
final class FeeRuns {

    /** The platform credits of the consecutive trades of one book from {@code first} on. */
    record Run(TradeId first, List<Cash> credits) {

        boolean creditsNothing() {
            return credits.stream().allMatch(Cash::isZero);
        }
    }

    private final Map<Symbol, Run> runs = new LinkedHashMap<>();

    void add(TradeExecutedEvent trade) {
        Run run = runs.computeIfAbsent(trade.symbol(), symbol -> new Run(trade.tradeId(), new ArrayList<>()));
        long expected = run.first().sequence() + run.credits().size();
        if (trade.tradeId().sequence() != expected) {
            throw new IllegalStateException("trade " + trade.tradeId() + " reached settlement out of order; expected "
                    + TradeId.of(trade.symbol(), expected));
        }
        run.credits().add(trade.platformCredit());
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
