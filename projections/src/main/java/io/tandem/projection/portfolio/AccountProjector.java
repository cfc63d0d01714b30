package io.tandem.projection.portfolio;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.tandem.contracts.account.AccountOpenedEvent;
import io.tandem.contracts.account.AssetsTransferredInEvent;
import io.tandem.contracts.account.AssetsTransferredOutEvent;
import io.tandem.contracts.account.BuySettledEvent;
import io.tandem.contracts.account.CashAdjustedEvent;
import io.tandem.contracts.account.CashReservedEvent;
import io.tandem.contracts.account.DepositAcceptedEvent;
import io.tandem.contracts.account.DepositCreditedEvent;
import io.tandem.contracts.account.FeesCollectedEvent;
import io.tandem.contracts.account.Holding;
import io.tandem.contracts.account.PositionReservedEvent;
import io.tandem.contracts.account.ReservationClosingEvent;
import io.tandem.contracts.account.ReservationReleasedEvent;
import io.tandem.contracts.account.SellSettledEvent;
import io.tandem.contracts.account.SupplyIssuedEvent;
import io.tandem.contracts.account.WithdrawalDebitedEvent;
import io.tandem.contracts.account.WithdrawalReleasedEvent;
import io.tandem.contracts.account.WithdrawalReservedEvent;
import io.tandem.contracts.common.AccountId;
import io.tandem.projection.support.AggregateStreams;
import io.tandem.projection.support.ReadModelCollections;
import io.tandem.projection.support.ReadModelWrites;
import io.tandem.projection.support.SequencedUpdates;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.tandem.projection.support.AccountDocuments.*;

/**
 * Projects account events into one document per account: available and reserved cash, the totals
 * of admin adjustments, credited deposits and debited withdrawals, and each position's available
 * and reserved quantity. A deposit only counts once it is credited (an accepted deposit has no
 * balance effect); a withdrawal holds its amount as reserved cash until the payout is debited or
 * released. Every event is a
 * relative change ({@code $inc}) applied at most once per account thanks to the account's event
 * sequence number, so redelivery and replay leave the balances untouched. Every event of an account
 * is handled, those without a balance effect only to be counted, so that a missing one stops the
 * projection of that account instead of being skipped ({@link AggregateStreams}). No handler reads:
 * the updates of a batch are sent together ({@link io.tandem.projection.support.ReadModelWrites}).
 * <p>
 * A settlement draws on its order's reservation; what the reservation could not cover (the
 * event's {@code shortfall}) comes out of available cash or the available position, exactly as the
 * Account aggregate takes it, so that {@code reserved} keeps matching what open orders still hold.
 * <p>
 * A transfer (a copy's funding, funds change or return) moves available cash and positions: out of
 * one account and into another, as two events of the two accounts. Each side also records, with
 * absolute values, what it moved on the transfer's own document, so that the ledger can tell a
 * transfer whose other half has not been applied yet (a batch may end between the two) from one
 * whose halves disagree.
 */
@Component
@ProcessingGroup(AccountProjector.PROCESSING_GROUP)
public class AccountProjector {

    public static final String PROCESSING_GROUP = "portfolio";

    private final MongoCollection<Document> accounts;
    private final MongoCollection<Document> transfers;
    private final AggregateStreams streams;

    public AccountProjector(MongoDatabase database) {
        this.accounts = database.getCollection(ReadModelCollections.ACCOUNTS);
        this.transfers = database.getCollection(ReadModelCollections.TRANSFERS);
        this.streams = AggregateStreams.of(database, PROCESSING_GROUP, accounts);
    }

    @EventHandler
    public void on(AccountOpenedEvent event, @SequenceNumber long sequence) {
        apply(event.accountId(), sequence, Updates.combine(
                Updates.set(OWNER, event.owner().value()),
                Updates.set(TYPE, event.type().name())));
    }

    @EventHandler
    public void on(CashAdjustedEvent event, @SequenceNumber long sequence) {
        long amount = event.amount().cents();
        apply(event.accountId(), sequence, Updates.combine(
                Updates.inc(AVAILABLE, amount),
                Updates.inc(ADJUSTMENTS_TOTAL, amount)));
    }

    @EventHandler
    public void on(SupplyIssuedEvent event, @SequenceNumber long sequence) {
        String symbol = event.symbol().value();
        apply(event.accountId(), sequence, Updates.combine(
                Updates.set(positionPath(symbol, POSITION_SYMBOL), symbol),
                Updates.inc(positionPath(symbol, POSITION_QUANTITY), event.quantity().lots())));
    }

    @EventHandler
    public void on(CashReservedEvent event, @SequenceNumber long sequence) {
        long amount = event.amount().cents();
        apply(event.accountId(), sequence, Updates.combine(
                Updates.inc(AVAILABLE, -amount),
                Updates.inc(RESERVED, amount)));
    }

    @EventHandler
    public void on(PositionReservedEvent event, @SequenceNumber long sequence) {
        String symbol = event.symbol().value();
        long lots = event.quantity().lots();
        apply(event.accountId(), sequence, Updates.combine(
                Updates.set(positionPath(symbol, POSITION_SYMBOL), symbol),
                Updates.inc(positionPath(symbol, POSITION_QUANTITY), -lots),
                Updates.inc(positionPath(symbol, POSITION_RESERVED), lots)));
    }

    @EventHandler
    public void on(BuySettledEvent event, @SequenceNumber long sequence) {
        String symbol = event.symbol().value();
        long shortfall = event.shortfallCents();
        apply(event.accountId(), sequence, Updates.combine(
                Updates.inc(RESERVED, -Math.subtractExact(event.costCents(), shortfall)),
                Updates.inc(AVAILABLE, -shortfall),
                Updates.set(positionPath(symbol, POSITION_SYMBOL), symbol),
                Updates.inc(positionPath(symbol, POSITION_QUANTITY), event.quantity().lots())));
    }

    @EventHandler
    public void on(SellSettledEvent event, @SequenceNumber long sequence) {
        String symbol = event.symbol().value();
        long received = Math.subtractExact(event.notional().cents(), event.fee().cents());
        long shortfall = event.shortfallLots();
        apply(event.accountId(), sequence, Updates.combine(
                Updates.inc(AVAILABLE, received),
                Updates.set(positionPath(symbol, POSITION_SYMBOL), symbol),
                Updates.inc(positionPath(symbol, POSITION_RESERVED), -Math.subtractExact(event.quantity().lots(), shortfall)),
                Updates.inc(positionPath(symbol, POSITION_QUANTITY), -shortfall)));
    }

    @EventHandler
    public void on(FeesCollectedEvent event, @SequenceNumber long sequence) {
        apply(event.accountId(), sequence, Updates.inc(AVAILABLE, event.amount().cents()));
    }

    @EventHandler
    public void on(ReservationReleasedEvent event, @SequenceNumber long sequence) {
        String symbol = event.symbol().value();
        long cash = event.cash() == null ? 0 : event.cash().cents();
        long lots = event.quantity() == null ? 0 : event.quantity().lots();
        List<Bson> updates = new ArrayList<>(List.of(Updates.inc(AVAILABLE, cash), Updates.inc(RESERVED, -cash)));
        if (lots != 0) {
            updates.add(Updates.set(positionPath(symbol, POSITION_SYMBOL), symbol));
            updates.add(Updates.inc(positionPath(symbol, POSITION_QUANTITY), lots));
            updates.add(Updates.inc(positionPath(symbol, POSITION_RESERVED), -lots));
        }
        apply(event.accountId(), sequence, Updates.combine(updates));
    }

    /** No balance effect: a deposit counts once it is credited. */
    @EventHandler
    public void on(DepositAcceptedEvent event, @SequenceNumber long sequence) {
        streams.handled(event.accountId().value(), sequence);
    }

    /** No balance effect: the reservation is released after the order's last settlement. */
    @EventHandler
    public void on(ReservationClosingEvent event, @SequenceNumber long sequence) {
        streams.handled(event.accountId().value(), sequence);
    }

    @EventHandler
    public void on(DepositCreditedEvent event, @SequenceNumber long sequence) {
        long amount = event.amount().cents();
        apply(event.accountId(), sequence, Updates.combine(
                Updates.inc(AVAILABLE, amount),
                Updates.inc(DEPOSITS_TOTAL, amount)));
    }

    @EventHandler
    public void on(WithdrawalReservedEvent event, @SequenceNumber long sequence) {
        long amount = event.amount().cents();
        apply(event.accountId(), sequence, Updates.combine(
                Updates.inc(AVAILABLE, -amount),
                Updates.inc(RESERVED, amount)));
    }

    @EventHandler
    public void on(WithdrawalDebitedEvent event, @SequenceNumber long sequence) {
        long amount = event.amount().cents();
        apply(event.accountId(), sequence, Updates.combine(
                Updates.inc(RESERVED, -amount),
                Updates.inc(WITHDRAWALS_TOTAL, amount)));
    }

    @EventHandler
    public void on(WithdrawalReleasedEvent event, @SequenceNumber long sequence) {
        long amount = event.amount().cents();
        apply(event.accountId(), sequence, Updates.combine(
                Updates.inc(RESERVED, -amount),
                Updates.inc(AVAILABLE, amount)));
    }

    @EventHandler
    public void on(AssetsTransferredOutEvent event, @SequenceNumber long sequence) {
        Map<String, Long> lots = bySymbol(event.positions());
        long cash = event.cash() == null ? 0 : event.cash().cents();
        apply(event.accountId(), sequence, moved(-1, cash, lots));
        recordHalf(event.transferId(), TRANSFER_FROM, event.accountId(), TRANSFER_TO, event.toAccountId(),
                TRANSFER_OUT_CASH, cash, TRANSFER_OUT_POSITIONS, lots);
    }

    @EventHandler
    public void on(AssetsTransferredInEvent event, @SequenceNumber long sequence) {
        Map<String, Long> lots = bySymbol(event.positions());
        long cash = event.cash() == null ? 0 : event.cash().cents();
        apply(event.accountId(), sequence, moved(1, cash, lots));
        recordHalf(event.transferId(), TRANSFER_TO, event.accountId(), TRANSFER_FROM, event.fromAccountId(),
                TRANSFER_IN_CASH, cash, TRANSFER_IN_POSITIONS, lots);
    }

    /** Lots per symbol: one update per path, since two updates of one path in one update document are refused. */
    private static Map<String, Long> bySymbol(List<Holding> positions) {
        Map<String, Long> lots = new LinkedHashMap<>();
        for (Holding holding : positions == null ? List.<Holding>of() : positions) {
            lots.merge(holding.symbol().value(), holding.quantity().lots(), Math::addExact);
        }
        return lots;
    }

    /** Moves {@code cash} and {@code lots} into ({@code sign} 1) or out of (-1) the available balances. */
    private static Bson moved(int sign, long cash, Map<String, Long> lots) {
        List<Bson> updates = new ArrayList<>();
        updates.add(Updates.inc(AVAILABLE, Math.multiplyExact(sign, cash)));
        for (Map.Entry<String, Long> position : lots.entrySet()) {
            String symbol = position.getKey();
            updates.add(Updates.set(positionPath(symbol, POSITION_SYMBOL), symbol));
            updates.add(Updates.inc(positionPath(symbol, POSITION_QUANTITY), Math.multiplyExact(sign, position.getValue())));
        }
        return Updates.combine(updates);
    }

    /** One side of a transfer, as absolute values (written again, it changes nothing). */
    private void recordHalf(String transferId, String sideField, AccountId account, String otherField, AccountId other,
                            String cashField, long cash, String positionsField, Map<String, Long> lots) {
        Document positions = new Document();
        for (Map.Entry<String, Long> position : lots.entrySet()) {
            positions.append(positionKey(position.getKey()), new Document(POSITION_SYMBOL, position.getKey())
                    .append(POSITION_QUANTITY, position.getValue()));
        }
        ReadModelWrites.write(transfers, transferId, new UpdateOneModel<>(Filters.eq("_id", transferId), Updates.combine(
                Updates.set(sideField, account.value()),
                Updates.set(otherField, other == null ? null : other.value()),
                Updates.set(cashField, cash),
                Updates.set(positionsField, positions)), new UpdateOptions().upsert(true)));
    }

    @ResetHandler
    public void reset() {
        ReadModelWrites.deleteAll(accounts);
        ReadModelWrites.deleteAll(transfers);
        streams.reset();
    }

    private void apply(AccountId accountId, long sequence, Bson update) {
        streams.handled(accountId.value(), sequence);
        SequencedUpdates.applyIfNewer(accounts, accountId.value(), sequence, update, true);
    }
}
