package io.tandem.projection.marketdata;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.marketdata.CandleInterval;
import io.tandem.contracts.marketdata.CandlePage;
import io.tandem.contracts.marketdata.CandleView;
import io.tandem.contracts.marketdata.FindCandlesQuery;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.projection.support.Cursors;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.Numbers;
import io.tandem.projection.support.ReadModelCollections;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.tandem.projection.marketdata.CandleDocuments.*;

/**
 * Answers {@link FindCandlesQuery}: a book's candles of one interval, newest first, every bucket
 * from the book's first trade on. Only buckets with a trade are stored, so a page is computed as
 * the run of bucket starts it covers, and a bucket without a stored candle is flat at the close of
 * the candle before it, with volume 0 and no trades. A page therefore costs one range read of at most
 * a page of candles, one read for the close before the page when it starts in a gap, and two small
 * reads for the book's first and newest candle.
 * <p>
 * The range: bucket starts within {@code from} and {@code to} (inclusive, either may be absent),
 * never before the first stored candle; without {@code to} it ends at the newest candle, with one it
 * may run past the newest candle in flat buckets, up to the current bucket (never into the future).
 * The cursor is the bucket start, base64 of its ISO-8601 instant: it names a bucket, not a stored
 * candle, so pages stay put across gaps and when new trades arrive. A cursor that is not one, or not a
 * bucket start of the interval, is a malformed request.
 */
@Component
public class CandleQueryHandler {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;
    /** Above any key: the keys after a prefix are 12 digits. */
    private static final String AFTER_EVERY_KEY = "\uffff";

    private final MongoCollection<Document> candles;
    private final InstrumentFormats instruments;
    private final Clock clock;

    public CandleQueryHandler(MongoDatabase database, InstrumentFormats instruments, Clock clock) {
        this.candles = database.getCollection(ReadModelCollections.CANDLES);
        this.instruments = instruments;
        this.clock = clock;
    }

    @QueryHandler
    public CandlePage find(FindCandlesQuery query) {
        CandleInterval interval = query.interval();
        if (interval == null) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "interval is required");
        }
        long length = interval.length().getSeconds();
        Long after = query.after() == null || query.after().isBlank() ? null : cursorStart(query.after(), interval);
        int pageSize = Cursors.pageSize(query.first(), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        String symbol = query.symbol().value();
        Optional<InstrumentSpec> spec = instruments.spec(symbol);
        String prefix = prefix(symbol, interval);
        Document first = spec.isEmpty() ? null : edge(prefix, true);
        if (first == null) {
            return new CandlePage(List.of(), false);
        }
        long firstStart = Numbers.longOf(first, START);
        long newestStart = Numbers.longOf(edge(prefix, false), START);

        long lower = query.from() == null ? firstStart : Math.max(firstStart, ceilToBucket(query.from(), interval));
        long upper = newestStart;
        if (query.to() != null) {
            long current = interval.bucketStart(clock.instant()).getEpochSecond();
            upper = Math.min(interval.bucketStart(query.to()).getEpochSecond(), Math.max(newestStart, current));
        }
        if (after != null) {
            upper = Math.min(upper, after - length);
        }
        if (upper < lower) {
            return new CandlePage(List.of(), false);
        }
        long pageLow = Math.max(lower, upper - (pageSize - 1L) * length);

        Map<Long, Document> stored = new HashMap<>();
        for (Document candle : candles.find(between(prefix, key(pageLow), key(upper)))) {
            stored.put(Numbers.longOf(candle, START), candle);
        }
        Long previousClose = null;
        if (!stored.containsKey(pageLow)) {
            Document before = candles.find(Filters.and(Filters.gte("_id", prefix), Filters.lt("_id", prefix + key(pageLow))))
                    .sort(Sorts.descending("_id")).limit(1).first();
            previousClose = before == null ? null : Numbers.longOf(before, CLOSE);
        }
        List<CandleView> items = new ArrayList<>();
        for (long start = pageLow; start <= upper; start += length) {
            Document candle = stored.get(start);
            if (candle != null) {
                items.add(view(symbol, interval, start, candle, spec.get()));
                previousClose = Numbers.longOf(candle, CLOSE);
            } else if (previousClose != null) {
                items.add(flat(symbol, interval, start, previousClose, spec.get()));
            }
        }
        Collections.reverse(items);
        return new CandlePage(items, pageLow > lower);
    }

    /** The book's first ({@code oldest}) or newest stored candle of the interval, or null. */
    private Document edge(String prefix, boolean oldest) {
        return candles.find(Filters.and(Filters.gt("_id", prefix), Filters.lt("_id", prefix + AFTER_EVERY_KEY)))
                .sort(oldest ? Sorts.ascending("_id") : Sorts.descending("_id")).limit(1).first();
    }

    private static Bson between(String prefix, String fromKey, String toKey) {
        return Filters.and(Filters.gte("_id", prefix + fromKey), Filters.lte("_id", prefix + toKey));
    }

    /** The first bucket start at or after {@code time}. */
    private static long ceilToBucket(Instant time, CandleInterval interval) {
        Instant start = interval.bucketStart(time);
        return start.equals(time) ? start.getEpochSecond() : start.getEpochSecond() + interval.length().getSeconds();
    }

    static String cursorOf(long start) {
        return Cursors.encode(Instant.ofEpochSecond(start).toString());
    }

    private static long cursorStart(String cursor, CandleInterval interval) {
        Instant start;
        try {
            start = Instant.parse(Cursors.decode(cursor));
        } catch (DateTimeParseException e) {
            throw Cursors.malformed(cursor);
        }
        if (!interval.bucketStart(start).equals(start)) {
            throw Cursors.malformed(cursor);
        }
        return start.getEpochSecond();
    }

    private static CandleView view(String symbol, CandleInterval interval, long start, Document candle, InstrumentSpec spec) {
        return new CandleView(symbol, interval, Instant.ofEpochSecond(start).toString(),
                price(candle, OPEN, spec), price(candle, HIGH, spec), price(candle, LOW, spec), price(candle, CLOSE, spec),
                spec.format(Quantity.ofLots(Numbers.longOf(candle, VOLUME))), Numbers.longOf(candle, TRADES), cursorOf(start));
    }

    private static CandleView flat(String symbol, CandleInterval interval, long start, long close, InstrumentSpec spec) {
        String price = spec.format(Price.ofTicks(close));
        return new CandleView(symbol, interval, Instant.ofEpochSecond(start).toString(), price, price, price, price,
                spec.format(Quantity.ofLots(0)), 0, cursorOf(start));
    }

    private static String price(Document candle, String field, InstrumentSpec spec) {
        return spec.format(Price.ofTicks(Numbers.longOf(candle, field)));
    }
}
