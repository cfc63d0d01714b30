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
 * positions, but its two halves are events of two accounts that the portfolio projection may apply
 * in different batches. A transfer with only one half applied counts as in flight: what left and has
 * not arrived yet is still held (as a reserved withdrawal is). A transfer whose two halves disagree
 * (more arrived than left, or less) unbalances the ledger. {@code cashTotal} and the positions shown
 * are what the accounts hold.
 * <p>
 * It reads every account and sums in Java with exact long arithmetic rather than with a MongoDB
 * {@code $group}, whose {@code $sum} silently turns an overflowing long into a floating-point number.
 */
@Component
public class LedgerQueryHandler {

    private final MongoCollection<Document> accounts;
    private final MongoCollection<Document> transfers;
    private final InstrumentFormats instruments;

    public LedgerQueryHandler(MongoDatabase database, InstrumentFormats instruments) {
        this.accounts = database.getCollection(ReadModelCollections.ACCOUNTS);
        this.transfers = database.getCollection(ReadModelCollections.TRANSFERS);
        this.instruments = instruments;
    }

    @QueryHandler
    public LedgerView find(FindLedgerQuery query) {
        long cashTotal = 0;
        long adjustmentsTotal = 0;
        long depositsTotal = 0;
        long withdrawalsTotal = 0;
        long feesTotal = 0;
        Map<String, Long> positionsTotals = new TreeMap<>();
        for (Document account : accounts.find()) {
            long cash = Math.addExact(Numbers.longOf(account, AVAILABLE), Numbers.longOf(account, RESERVED));
            cashTotal = Math.addExact(cashTotal, cash);
            adjustmentsTotal = Math.addExact(adjustmentsTotal, Numbers.longOf(account, ADJUSTMENTS_TOTAL));
            depositsTotal = Math.addExact(depositsTotal, Numbers.longOf(account, DEPOSITS_TOTAL));
            withdrawalsTotal = Math.addExact(withdrawalsTotal, Numbers.longOf(account, WITHDRAWALS_TOTAL));
            if (FEE_ACCOUNT_ID.equals(account.getString("_id"))) {
                feesTotal = cash;
            }
            addPositions(account, positionsTotals);
        }
        InFlight inFlight = transfersInFlight();
        boolean balanced = inFlight.consistent && Math.addExact(cashTotal, inFlight.cash) == Math.subtractExact(Math.addExact(adjustmentsTotal, depositsTotal), withdrawalsTotal);
        List<InstrumentLedgerView> views = new ArrayList<>();
        for (ListedInstrument instrument : instruments.all()) {
            String symbol = instrument.spec().symbol().value();
            long held = positionsTotals.getOrDefault(symbol, 0L);
            positionsTotals.remove(symbol);
            balanced &= Math.addExact(held, inFlight.positions.getOrDefault(symbol, 0L)) == instrument.supply().lots();
            views.add(new InstrumentLedgerView(symbol, instrument.spec().format(instrument.supply()),
                    instrument.spec().format(Quantity.ofLots(held))));
        }
        // Positions in an instrument the catalog does not know cannot be backed by any supply.
        for (Map.Entry<String, Long> unlisted : positionsTotals.entrySet()) {
            if (unlisted.getValue() != 0) {
                balanced = false;
                views.add(new InstrumentLedgerView(unlisted.getKey(), "0", unlisted.getValue() + " lots"));
            }
        }
        return new LedgerView(decimal(cashTotal), decimal(adjustmentsTotal), decimal(depositsTotal),
                decimal(withdrawalsTotal), decimal(feesTotal), views, balanced);
    }

    /** What transfers with one half applied have in flight, and whether every transfer with both halves agrees. */
    private InFlight transfersInFlight() {
        InFlight inFlight = new InFlight();
        for (Document transfer : transfers.find()) {
            boolean left = transfer.containsKey(TRANSFER_OUT_CASH);
            boolean arrived = transfer.containsKey(TRANSFER_IN_CASH);
            Map<String, Long> out = lots(transfer.get(TRANSFER_OUT_POSITIONS, Document.class));
            Map<String, Long> in = lots(transfer.get(TRANSFER_IN_POSITIONS, Document.class));
            if (left && arrived) {
                inFlight.consistent &= Numbers.longOf(transfer, TRANSFER_OUT_CASH) == Numbers.longOf(transfer, TRANSFER_IN_CASH)
                        && out.equals(in);
            } else if (left) {
                inFlight.add(Numbers.longOf(transfer, TRANSFER_OUT_CASH), out, 1);
            } else if (arrived) {
                inFlight.add(Numbers.longOf(transfer, TRANSFER_IN_CASH), in, -1);
            }
        }
        return inFlight;
    }

    private static Map<String, Long> lots(Document positions) {
        Map<String, Long> lots = new TreeMap<>();
        if (positions != null) {
            for (Object value : positions.values()) {
                Document position = (Document) value;
                long quantity = Numbers.longOf(position, POSITION_QUANTITY);
                if (quantity != 0) {
                    lots.merge(position.getString(POSITION_SYMBOL), quantity, Math::addExact);
                }
            }
        }
        return lots;
    }

    /** Cash and lots that left an account and have not arrived (negative: arrived before they were seen leaving). */
    private static final class InFlight {

        long cash;
        final Map<String, Long> positions = new TreeMap<>();
        boolean consistent = true;

        void add(long cents, Map<String, Long> lots, int sign) {
            cash = Math.addExact(cash, Math.multiplyExact(sign, cents));
            lots.forEach((symbol, quantity) -> positions.merge(symbol, Math.multiplyExact(sign, quantity), Math::addExact));
        }
    }

    private static String decimal(long cents) {
        return Cash.ofCents(cents).toDecimalString();
    }

    private static void addPositions(Document account, Map<String, Long> totals) {
        Document positions = account.get(POSITIONS, Document.class);
        if (positions == null) {
            return;
        }
        for (Object value : positions.values()) {
            Document position = (Document) value;
            long held = Math.addExact(Numbers.longOf(position, POSITION_QUANTITY), Numbers.longOf(position, POSITION_RESERVED));
            totals.merge(position.getString(POSITION_SYMBOL), held, Math::addExact);
        }
    }
}
