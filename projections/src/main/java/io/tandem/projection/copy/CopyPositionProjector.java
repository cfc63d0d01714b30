package io.tandem.projection.copy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import io.tandem.projection.support.BatchEnd;
import io.tandem.projection.support.Numbers;
import io.tandem.projection.support.ReadModelCollections;
import io.tandem.projection.support.ReadModelWrites;
import io.tandem.projection.support.SequencedUpdates;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

import static io.tandem.projection.copy.CopyDocuments.*;

/**
 * Keeps the average cost of every position of every COPY account, from the legs of the trades
 * whose buyer or seller is one (average-cost method): a buy of {@code q} at {@code p} makes the
 * average {@code (average x costLots + p x q) / (costLots + q)} and adds {@code q} to the lots that
 * have a cost; a sell takes its quantity off those lots and leaves the average as it was. Fees are
 * not part of the cost. Positions that arrive by transfer (not by a trade) have no cost: they are not
 * counted here, so the average stays the average of the buys. The average is kept in ticks with
 * {@value #AVERAGE_SCALE} decimals, rounded half-even; the view rounds it half-even to a tick.
 * <p>
 * Quantities and cash are not kept here: the copy views read them from the portfolio read model,
 * whose settlements move cash and positions together, so an equity never counts a position without
 * its cost or the other way round.
 * <p>
 * All trades of one symbol are events of that symbol's book, so a position document sees them in
 * book order and its {@value SequencedUpdates#LAST_SEQ} is the book's sequence number: an event at or
 * below it was applied already (redelivery, replay) and is skipped. A new average depends on the one
 * before, so a handler reads the document once per batch and keeps it for the rest of the batch
 * ({@link BatchEnd}); only trades of COPY accounts read or write anything.
 */
@Component
@ProcessingGroup(CopyProjector.PROCESSING_GROUP)
public class CopyPositionProjector {

    static final int AVERAGE_SCALE = 12;
    private static final String STATE = CopyPositionProjector.class.getName();

    private final MongoCollection<Document> positions;

    public CopyPositionProjector(MongoDatabase database) {
        this.positions = database.getCollection(ReadModelCollections.COPY_POSITIONS);
    }

    @EventHandler
    public void on(TradeExecutedEvent event, @SequenceNumber long sequence) {
        String symbol = event.symbol().value();
        long lots = event.quantity().lots();
        if (isCopyAccount(event.buyerAccountId())) {
            leg(event.buyerAccountId(), symbol, sequence, lots, event.price().ticks());
        }
        if (isCopyAccount(event.sellerAccountId())) {
            leg(event.sellerAccountId(), symbol, sequence, -lots, 0);
        }
    }

    @ResetHandler
    public void reset() {
        ReadModelWrites.deleteAll(positions);
    }

    /** Applies a buy ({@code lots} positive, at {@code priceTicks}) or a sell (negative) to the account's cost basis. */
    private void leg(AccountId accountId, String symbol, long sequence, long lots, long priceTicks) {
        String id = positionId(accountId.value(), symbol);
        CostBasis basis = current(id);
        if (sequence <= basis.lastSeq) {
            return;
        }
        CostBasis next = lots > 0 ? basis.buy(lots, priceTicks, sequence) : basis.sell(-lots, sequence);
        BatchEnd.<Map<String, CostBasis>>state(STATE, HashMap::new).put(id, next);
        SequencedUpdates.applyIfNewer(positions, id, sequence, Updates.combine(
                Updates.set(ACCOUNT_ID, accountId.value()),
                Updates.set(SYMBOL, symbol),
                Updates.set(COST_LOTS, next.costLots),
                Updates.set(AVERAGE_TICKS, next.averageTicks.toPlainString())), true);
    }

    private CostBasis current(String id) {
        Map<String, CostBasis> batch = BatchEnd.state(STATE, HashMap::new);
        CostBasis known = batch.get(id);
        if (known != null) {
            return known;
        }
        ReadModelWrites.flushIfPending(positions, id);
        Document document = positions.find(Filters.eq("_id", id)).first();
        CostBasis read = document == null ? CostBasis.NONE : new CostBasis(Numbers.longOf(document, COST_LOTS),
                new BigDecimal(document.getString(AVERAGE_TICKS)), Numbers.longOf(document, SequencedUpdates.LAST_SEQ));
        batch.put(id, read);
        return read;
    }

    /** Lots bought and not sold since, their average price in ticks, and the book sequence last applied. */
    record CostBasis(long costLots, BigDecimal averageTicks, long lastSeq) {

        static final CostBasis NONE = new CostBasis(0, BigDecimal.ZERO, -1);

        CostBasis buy(long lots, long priceTicks, long sequence) {
            long total = Math.addExact(costLots, lots);
            BigDecimal cost = averageTicks.multiply(BigDecimal.valueOf(costLots))
                    .add(BigDecimal.valueOf(Math.multiplyExact(priceTicks, lots)));
            return new CostBasis(total, cost.divide(BigDecimal.valueOf(total), AVERAGE_SCALE, RoundingMode.HALF_EVEN), sequence);
        }

        /** Selling more than has a cost (some of it came by transfer) leaves no lots with a cost, the average as it was. */
        CostBasis sell(long lots, long sequence) {
            return new CostBasis(Math.max(0, costLots - lots), averageTicks, sequence);
        }
    }
}
