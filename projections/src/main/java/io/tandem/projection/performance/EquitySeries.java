package io.tandem.projection.performance;

import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.projection.support.MarketValues;
import io.tandem.projection.support.Numbers;
import org.bson.Document;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.tandem.projection.performance.PerformanceDocuments.*;

/**
 * An account's daily equity series from its valuation days and the daily closes: each day from the
 * account's first on is valued with the holdings of its own end (or of the last day with events
 * before it, carried forward) at each symbol's close of that day (or the last close before it), so
 * today is valued at last prices. Equity as on the portfolio: cash plus the exact sum of the
 * positions, rounded down to a cent once.
 */
final class EquitySeries {

    private EquitySeries() {
    }

    /** One day of the series: equity at the day's close, net deposits to its end, and what the day itself did. */
    record Day(LocalDate day, long equity, long netDeposits, PerformanceFormulas.DayFlows flows, long buys, long sells,
               long wins) {
    }

    /** The account at the end of a day with events (lots per symbol held), and what that day did. */
    record State(LocalDate day, long cash, long netDeposits, Map<String, Long> lots, PerformanceFormulas.DayFlows flows,
                 long buys, long sells, long wins) {

        static State ofDay(Document document) {
            return new State(LocalDate.parse(document.getString(DAY)), Numbers.longOf(document, CASH),
                    Numbers.longOf(document, NET_DEPOSITS), lots(document),
                    PerformanceDocuments.flows(document, FLOW, FLOW_VALUE, FLOW_GROWTH, FLOW_START),
                    Numbers.longOf(document, BUYS), Numbers.longOf(document, SELLS), Numbers.longOf(document, WINS));
        }

        /** A valuation (the account now) as the state of its current day. */
        static State ofValuation(Document document) {
            return new State(LocalDate.parse(document.getString(DAY)), Numbers.longOf(document, CASH),
                    Numbers.longOf(document, NET_DEPOSITS), lots(document),
                    PerformanceDocuments.flows(document, DAY_FLOW, DAY_FLOW_VALUE, DAY_FLOW_GROWTH, DAY_FLOW_START),
                    Numbers.longOf(document, DAY_BUYS), Numbers.longOf(document, DAY_SELLS), Numbers.longOf(document, DAY_WINS));
        }

        private static Map<String, Long> lots(Document document) {
            Map<String, Long> lots = new LinkedHashMap<>();
            Document positions = document.get(POSITIONS, Document.class);
            if (positions != null) {
                for (Object value : positions.values()) {
                    Document position = (Document) value;
                    long quantity = Numbers.longOf(position, QUANTITY);
                    if (quantity != 0) {
                        lots.put(position.getString(SYMBOL), quantity);
                    }
                }
            }
            return lots;
        }

        /** The state valued at the closes of {@code day}, in cents. */
        long equity(LocalDate day, DailyCloses closes, Function<String, InstrumentSpec> specs) {
            BigDecimal positions = BigDecimal.ZERO;
            for (Map.Entry<String, Long> held : lots.entrySet()) {
                Long close = closes.at(held.getKey(), day);
                if (close != null) {
                    positions = positions.add(MarketValues.exactCents(specs.apply(held.getKey()), held.getValue(), close));
                }
            }
            return MarketValues.equityCents(cash, positions);
        }
    }

    /**
     * The days {@code from} to {@code to} (both included) of an account whose states, oldest first, are
     * {@code states}; a day before the first state is worth nothing.
     */
    static List<Day> between(List<State> states, DailyCloses closes, Function<String, InstrumentSpec> specs,
                             LocalDate from, LocalDate to) {
        List<Day> series = new ArrayList<>();
        int next = 0;
        State current = null;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            while (next < states.size() && !states.get(next).day().isAfter(day)) {
                current = states.get(next++);
            }
            if (current == null) {
                series.add(new Day(day, 0, 0, PerformanceFormulas.DayFlows.NONE, 0, 0, 0));
                continue;
            }
            boolean own = current.day().equals(day);
            series.add(new Day(day, current.equity(day, closes, specs), current.netDeposits(),
                    own ? current.flows() : PerformanceFormulas.DayFlows.NONE, own ? current.buys() : 0, own ? current.sells() : 0, own ? current.wins() : 0));
        }
        return series;
    }
}
