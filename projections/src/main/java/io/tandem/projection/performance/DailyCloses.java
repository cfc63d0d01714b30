package io.tandem.projection.performance;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.tandem.projection.support.CompositeIds;
import io.tandem.projection.support.Numbers;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import static io.tandem.projection.performance.PerformanceDocuments.*;

/**
 * Reads of the daily closes: per symbol the price of each UTC day's last trade. A day without a trade
 * carries the last close before it forward; a symbol's latest close is its last price.
 */
final class DailyCloses {

    /** Closes by symbol, by day. */
    private final Map<String, NavigableMap<LocalDate, Long>> bySymbol;

    DailyCloses(Map<String, NavigableMap<LocalDate, Long>> bySymbol) {
        this.bySymbol = bySymbol;
    }

    /** The symbol's latest close (its last price), or empty before its first trade. */
    static Optional<Long> latest(MongoCollection<Document> closes, String symbol) {
        Document last = closes.find(CompositeIds.listing(symbol, null)).sort(new Document("_id", -1)).limit(1).first();
        return last == null ? Optional.empty() : Optional.of(Numbers.longOf(last, PRICE));
    }

    /** Every close of {@code symbols}, in one read. */
    static DailyCloses of(MongoCollection<Document> closes, Collection<String> symbols) {
        DailyCloses read = new DailyCloses(new HashMap<>());
        if (!symbols.isEmpty()) {
            read.add(closes.find(Filters.in(SYMBOL, symbols)));
        }
        return read;
    }

    /** Every close (of every symbol), or those of {@code from} on, in one read. */
    static DailyCloses all(MongoCollection<Document> closes) {
        DailyCloses read = new DailyCloses(new HashMap<>());
        read.add(closes.find());
        return read;
    }

    /** Adds the closes {@code filter} matches; answers whether any of them was new or different on a day before {@code today}. */
    boolean merge(MongoCollection<Document> closes, Bson filter, LocalDate today) {
        boolean pastChanged = false;
        for (Document close : closes.find(filter)) {
            LocalDate day = LocalDate.parse(close.getString(DAY));
            Long previous = bySymbol.computeIfAbsent(close.getString(SYMBOL), symbol -> new TreeMap<>())
                    .put(day, Numbers.longOf(close, PRICE));
            if (day.isBefore(today) && (previous == null || previous != Numbers.longOf(close, PRICE))) {
                pastChanged = true;
            }
        }
        return pastChanged;
    }

    private void add(Iterable<Document> documents) {
        for (Document close : documents) {
            bySymbol.computeIfAbsent(close.getString(SYMBOL), symbol -> new TreeMap<>())
                    .put(LocalDate.parse(close.getString(DAY)), Numbers.longOf(close, PRICE));
        }
    }

    /** The close of {@code symbol} on {@code day}, carried forward from the last day it traded; null before its first trade. */
    Long at(String symbol, LocalDate day) {
        NavigableMap<LocalDate, Long> closes = bySymbol.get(symbol);
        if (closes == null) {
            return null;
        }
        Map.Entry<LocalDate, Long> close = closes.floorEntry(day);
        return close == null ? null : close.getValue();
    }

    /** The symbol's latest close, its last price; null before its first trade. */
    Long last(String symbol) {
        NavigableMap<LocalDate, Long> closes = bySymbol.get(symbol);
        return closes == null || closes.isEmpty() ? null : closes.lastEntry().getValue();
    }
}
