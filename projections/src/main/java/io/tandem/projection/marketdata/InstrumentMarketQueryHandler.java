package io.tandem.projection.marketdata;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.marketdata.CandleInterval;
import io.tandem.contracts.marketdata.FindInstrumentsQuery;
import io.tandem.contracts.marketdata.InstrumentMarketList;
import io.tandem.contracts.marketdata.InstrumentMarketView;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.Numbers;
import io.tandem.projection.support.ReadModelCollections;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.tandem.projection.marketdata.CandleDocuments.*;

/**
 * Answers {@link FindInstrumentsQuery}: every listed instrument by symbol, with its last price and
 * its change over the last 24 hours, both from the one-minute candles, so that the two always agree
 * (one read model, one processor). The last price is the close of the newest one-minute candle; the
 * 24 h open is the open of the oldest one-minute candle starting at or after now - 24 h (to the
 * minute, as the schema says), and the change is
 * {@code (last - open24h) / open24h x 100} in percent, computed exactly on ticks and rounded half-even
 * to two decimals once: {@code 0.00} when nothing traded in the last 24 hours, null before the first
 * trade. "Now" is the injected clock's.
 */
@Component
public class InstrumentMarketQueryHandler {

    static final Duration WINDOW = Duration.ofHours(24);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final String NO_CHANGE = "0.00";

    private final MongoCollection<Document> candles;
    private final InstrumentFormats instruments;
    private final Clock clock;

    public InstrumentMarketQueryHandler(MongoDatabase database, InstrumentFormats instruments, Clock clock) {
        this.candles = database.getCollection(ReadModelCollections.CANDLES);
        this.instruments = instruments;
        this.clock = clock;
    }

    @QueryHandler
    public InstrumentMarketList find(FindInstrumentsQuery query) {
        Instant since = clock.instant().minus(WINDOW);
        List<InstrumentMarketView> items = new ArrayList<>();
        for (InstrumentFormats.ListedInstrument listed : instruments.all()) {
            items.add(view(listed.spec(), since));
        }
        return new InstrumentMarketList(items);
    }

    private InstrumentMarketView view(InstrumentSpec spec, Instant since) {
        String symbol = spec.symbol().value();
        String prefix = prefix(symbol, CandleInterval.M1);
        Document newest = candles.find(Filters.and(Filters.gt("_id", prefix), Filters.lt("_id", prefix + "\uffff")))
                .projection(Projections.include(CLOSE)).sort(Sorts.descending("_id")).limit(1).first();
        if (newest == null) {
            return new InstrumentMarketView(symbol, spec.name(), null, null);
        }
        long last = Numbers.longOf(newest, CLOSE);
        // whole minutes start at or after `since` exactly when they start at or after its next whole second
        long sinceSecond = since.getEpochSecond() + (since.getNano() > 0 ? 1 : 0);
        Document oldest = candles.find(Filters.and(Filters.gte("_id", prefix + key(sinceSecond)), Filters.lt("_id", prefix + "\uffff")))
                .projection(Projections.include(OPEN)).sort(Sorts.ascending("_id")).limit(1).first();
        String change = oldest == null ? NO_CHANGE : changePercent(Numbers.longOf(oldest, OPEN), last);
        return new InstrumentMarketView(symbol, spec.name(), spec.format(Price.ofTicks(last)), change);
    }

    /** {@code (last - open) / open x 100}, rounded half-even to two decimals. */
    static String changePercent(long openTicks, long lastTicks) {
        return BigDecimal.valueOf(lastTicks - openTicks).multiply(HUNDRED)
                .divide(BigDecimal.valueOf(openTicks), 2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
