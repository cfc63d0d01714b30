package io.tandem.projection.ledger;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.ledger.FindLedgerQuery;
import io.tandem.contracts.ledger.InstrumentLedgerView;
import io.tandem.contracts.ledger.LedgerView;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.InstrumentFormats.ListedInstrument;
import io.tandem.projection.support.Numbers;
import io.tandem.projection.support.ReadModelCollections;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.tandem.projection.support.AccountDocuments.*;

/**
 * Answers {@link FindLedgerQuery}: checks DESIGN's conservation invariant over the read models.
 * All cash (available + reserved, fee account included) must equal the admin adjustments plus the
 * credited deposits minus the debited withdrawals, and each instrument's positions (available +
 * reserved) across accounts must equal its supply. Cash reserved for a withdrawal still counts as
 * cash until the payout is debited, so a payment in flight keeps the ledger balanced.
 * <p>
 * A transfer between accounts (a copy's funding, funds change or return) conserves cash and
 * positions, but its two halves are events of two accounts that the portfolio projection may apply in
 * different batches. What has left an account and not yet arrived in the other (the transfers-out
 * totals minus the transfers-in totals, zero once both halves are applied) therefore counts in the
 * balance check as still held, as a reserved withdrawal does; {@code cashTotal} and the positions
 * shown are what the accounts hold.
 * <p>
 * It reads every account and sums in Java with exact long arithmetic rather than with a MongoDB
 * {@code $group}, whose {@code $sum} silently turns an overflowing long into a floating-point number.
 */
@Component
public class LedgerQueryHandler {

    private final MongoCollection<Document> accounts;
    private final InstrumentFormats instruments;

    public LedgerQueryHandler(MongoDatabase database, InstrumentFormats instruments) {
        this.accounts = database.getCollection(ReadModelCollections.ACCOUNTS);
        this.instruments = instruments;
    }

    @QueryHandler
    public LedgerView find(FindLedgerQuery query) {
        long cashTotal = 0;
        long adjustmentsTotal = 0;
        long depositsTotal = 0;
        long withdrawalsTotal = 0;
        long feesTotal = 0;
        long cashInTransfer = 0;
        Map<String, Long> positionsTotals = new TreeMap<>();
        Map<String, Long> positionsInTransfer = new TreeMap<>();
        for (Document account : accounts.find()) {
            long cash = Math.addExact(Numbers.longOf(account, AVAILABLE), Numbers.longOf(account, RESERVED));
            cashTotal = Math.addExact(cashTotal, cash);
            adjustmentsTotal = Math.addExact(adjustmentsTotal, Numbers.longOf(account, ADJUSTMENTS_TOTAL));
            depositsTotal = Math.addExact(depositsTotal, Numbers.longOf(account, DEPOSITS_TOTAL));
            withdrawalsTotal = Math.addExact(withdrawalsTotal, Numbers.longOf(account, WITHDRAWALS_TOTAL));
            if (FEE_ACCOUNT_ID.equals(account.getString("_id"))) {
                feesTotal = cash;
            }
            cashInTransfer = Math.addExact(cashInTransfer, Math.subtractExact(
                    Numbers.longOf(account, TRANSFERRED_OUT_TOTAL), Numbers.longOf(account, TRANSFERRED_IN_TOTAL)));
            addPositions(account, positionsTotals, positionsInTransfer);
        }
        boolean balanced = Math.addExact(cashTotal, cashInTransfer) == Math.subtractExact(Math.addExact(adjustmentsTotal, depositsTotal), withdrawalsTotal);
        List<InstrumentLedgerView> views = new ArrayList<>();
        for (ListedInstrument instrument : instruments.all()) {
            String symbol = instrument.spec().symbol().value();
            long held = positionsTotals.getOrDefault(symbol, 0L);
            positionsTotals.remove(symbol);
            long inTransfer = positionsInTransfer.getOrDefault(symbol, 0L);
            positionsInTransfer.remove(symbol);
            balanced &= Math.addExact(held, inTransfer) == instrument.supply().lots();
            views.add(new InstrumentLedgerView(symbol, instrument.spec().format(instrument.supply()),
                    instrument.spec().format(Quantity.ofLots(held))));
        }
        // Positions in an instrument the catalog does not know cannot be backed by any supply.
        for (Map.Entry<String, Long> unlisted : positionsTotals.entrySet()) {
            if (unlisted.getValue() != 0 || positionsInTransfer.getOrDefault(unlisted.getKey(), 0L) != 0) {
                balanced = false;
                views.add(new InstrumentLedgerView(unlisted.getKey(), "0", unlisted.getValue() + " lots"));
            }
        }
        return new LedgerView(decimal(cashTotal), decimal(adjustmentsTotal), decimal(depositsTotal),
                decimal(withdrawalsTotal), decimal(feesTotal), views, balanced);
    }

    private static String decimal(long cents) {
        return Cash.ofCents(cents).toDecimalString();
    }

    private static void addPositions(Document account, Map<String, Long> totals, Map<String, Long> inTransfer) {
        Document positions = account.get(POSITIONS, Document.class);
        if (positions == null) {
            return;
        }
        for (Object value : positions.values()) {
            Document position = (Document) value;
            long held = Math.addExact(Numbers.longOf(position, POSITION_QUANTITY), Numbers.longOf(position, POSITION_RESERVED));
            String symbol = position.getString(POSITION_SYMBOL);
            totals.merge(symbol, held, Math::addExact);
            inTransfer.merge(symbol, Math.subtractExact(Numbers.longOf(position, POSITION_TRANSFERRED_OUT),
                    Numbers.longOf(position, POSITION_TRANSFERRED_IN)), Math::addExact);
        }
    }
}
