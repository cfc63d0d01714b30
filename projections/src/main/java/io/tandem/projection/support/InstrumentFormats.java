package io.tandem.projection.support;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.orderbook.InstrumentListedEvent;
import io.tandem.contracts.orderbook.InstrumentSpec;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The instruments read model: each listed instrument's {@link InstrumentSpec} and issued supply.
 * Read models store prices in ticks and quantities in lots; this catalog is where query handlers
 * find the spec that turns them into decimals, and where the ledger finds each supply.
 * <p>
 * Decimals are stored as strings so that nothing on the way rounds them. A listed spec never
 * changes, so specs read once are kept in memory.
 */
@Component
public class InstrumentFormats {

    private final MongoCollection<Document> instruments;
    private final Map<String, InstrumentSpec> cache = new ConcurrentHashMap<>();

    public InstrumentFormats(MongoDatabase database) {
        this.instruments = database.getCollection(ReadModelCollections.INSTRUMENTS);
    }

    /**
     * Stores a listing; the values are absolute, so storing the same listing again changes nothing.
     * Inside a unit of work it is sent with the rest of the batch ({@link ReadModelWrites}).
     */
    public void store(InstrumentListedEvent event) {
        InstrumentSpec spec = event.spec();
        Document document = new Document("_id", event.symbol().value())
                .append("name", spec.name())
                .append("tickSize", spec.tickSize().toPlainString())
                .append("lotSize", spec.lotSize().toPlainString())
                .append("makerFeeRate", spec.makerFeeRate().toPlainString())
                .append("takerFeeRate", spec.takerFeeRate().toPlainString())
                .append("maxOrderQuantity", spec.maxOrderQuantity().lots())
                .append("maxOrderNotional", spec.maxOrderNotional().cents())
                .append("marketCollarRate", spec.marketCollarRate().toPlainString())
                .append("minOrderNotional", spec.minOrderNotional().cents())
                .append("issuerAccountId", event.issuerAccountId().value())
                .append("supply", event.supply().lots())
                .append("listedAt", event.listedAt() == null ? null : event.listedAt().toString());
        ReadModelWrites.write(instruments, event.symbol().value(),
                new ReplaceOneModel<>(Filters.eq("_id", event.symbol().value()), document, new ReplaceOptions().upsert(true)));
    }

    /** The spec of a listed instrument, or empty while its listing has not been projected. */
    public Optional<InstrumentSpec> spec(String symbol) {
        InstrumentSpec cached = cache.get(symbol);
        if (cached != null) {
            return Optional.of(cached);
        }
        Document document = instruments.find(Filters.eq("_id", symbol)).first();
        if (document == null) {
            return Optional.empty();
        }
        InstrumentSpec spec = toSpec(document);
        cache.put(symbol, spec);
        return Optional.of(spec);
    }

    /**
     * The spec of an instrument that a read model refers to. Its absence means the instruments model
     * lags the one that refers to it (they follow the same listing from separate processors, for
     * milliseconds at most): refused as INSTRUMENT_NOT_FOUND, which a client may retry, not a fault.
     */
    public InstrumentSpec require(String symbol) {
        return spec(symbol).orElseThrow(() -> new TandemException(ErrorCode.INSTRUMENT_NOT_FOUND,
                "instrument " + symbol + " is not in the read models yet; retry shortly"));
    }

    /** Every listed instrument with its issued supply, ordered by symbol. */
    public List<ListedInstrument> all() {
        List<ListedInstrument> result = new ArrayList<>();
        for (Document document : instruments.find().sort(new Document("_id", 1))) {
            result.add(new ListedInstrument(toSpec(document), Quantity.ofLots(Numbers.longOf(document, "supply"))));
        }
        return result;
    }

    /** Empties the catalog; used by the reset of the instruments projection. */
    public void clear() {
        ReadModelWrites.deleteAll(instruments);
        cache.clear();
    }

    private static InstrumentSpec toSpec(Document document) {
        return new InstrumentSpec(Symbol.of(document.getString("_id")), document.getString("name"),
                new BigDecimal(document.getString("tickSize")), new BigDecimal(document.getString("lotSize")),
                new BigDecimal(document.getString("makerFeeRate")), new BigDecimal(document.getString("takerFeeRate")),
                Quantity.ofLots(Numbers.longOf(document, "maxOrderQuantity")),
                Cash.ofCents(Numbers.longOf(document, "maxOrderNotional")),
                new BigDecimal(document.getString("marketCollarRate")),
                // absent from documents stored before instruments had a minimum: the spec's default
                document.get("minOrderNotional") == null ? null : Cash.ofCents(Numbers.longOf(document, "minOrderNotional")));
    }

    /** A listed instrument and the supply issued for it. */
    public record ListedInstrument(InstrumentSpec spec, Quantity supply) {
    }
}
