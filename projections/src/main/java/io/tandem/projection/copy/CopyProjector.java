package io.tandem.projection.copy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.copy.CopyAllowanceChangedEvent;
import io.tandem.contracts.copy.CopyClosedEvent;
import io.tandem.contracts.copy.CopyFundsChangedEvent;
import io.tandem.contracts.copy.CopyId;
import io.tandem.contracts.copy.CopyPausedEvent;
import io.tandem.contracts.copy.CopyResumedEvent;
import io.tandem.contracts.copy.CopySellRequestedEvent;
import io.tandem.contracts.copy.CopyStartedEvent;
import io.tandem.contracts.copy.CopyStatus;
import io.tandem.contracts.copy.CopyStoppingEvent;
import io.tandem.contracts.copy.LeaderTradeMirroredEvent;
import io.tandem.contracts.copy.LeaderTradeSkippedEvent;
import io.tandem.contracts.copy.MirrorExplanation;
import io.tandem.contracts.copy.SizingMode;
import io.tandem.projection.support.AggregateStreams;
import io.tandem.projection.support.Cursors;
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

import java.time.Instant;

import static io.tandem.projection.copy.CopyDocuments.*;

/**
 * Projects each copy's own stream into one document per copy (status, sizing, invested amount,
 * stop-loss, how it ended) and one document per order it placed or leader trade it skipped.
 * <p>
 * The copy document takes every change as a sequenced update ({@link SequencedUpdates}) keyed by the
 * copy's stream sequence, so redelivery and replay change nothing. An order or skip entry is written
 * once with absolute values under a key derived from the same sequence ({@link CopyDocuments#orderKey}):
 * writing it again is a no-op, and the key orders a copy's entries newest first for paging. The
 * status and filled quantity of an entry's order are not copied here: the query joins them from the
 * orders read model, which already follows every fill and cancel.
 * <p>
 * Every event of the copy aggregates is counted against its stream head ({@link AggregateStreams}),
 * as is every event of the copiers' allowance aggregates (same contracts package, no use here), so a
 * missing one stops this projection instead of being skipped. No handler reads; a batch's writes are
 * sent together ({@link ReadModelWrites}).
 */
@Component
@ProcessingGroup(CopyProjector.PROCESSING_GROUP)
public class CopyProjector {

    public static final String PROCESSING_GROUP = "copies";

    enum Kind { MIRROR, OPEN_POSITION, CLOSE, STOP }

    private final MongoCollection<Document> copies;
    private final MongoCollection<Document> orders;
    private final AggregateStreams streams;

    public CopyProjector(MongoDatabase database) {
        this.copies = database.getCollection(ReadModelCollections.COPIES);
        this.orders = database.getCollection(ReadModelCollections.COPY_ORDERS);
        this.streams = AggregateStreams.of(database, PROCESSING_GROUP, copies, orders);
        // Scanned backwards: a copier's copies of one account, and a leader's live copies, newest first.
        copies.createIndex(Indexes.ascending(FROM_ACCOUNT_ID, STARTED_KEY, "_id"));
        copies.createIndex(Indexes.ascending(LEADER_ID, LIVE, STARTED_KEY, "_id"));
    }

    @EventHandler
    public void on(CopyStartedEvent event, @SequenceNumber long sequence) {
        apply(event.copyId(), sequence, Updates.combine(
                Updates.set(COPIER, event.copier().value()),
                Updates.set(FROM_ACCOUNT_ID, event.fromAccountId().value()),
                Updates.set(COPY_ACCOUNT_ID, event.copyAccountId().value()),
                Updates.set(LEADER_ID, event.leader().value()),
                Updates.set(LEADER_HANDLE, event.leaderHandle()),
                Updates.set(LEADER_ACCOUNT_ID, event.leaderAccountId() == null ? null : event.leaderAccountId().value()),
                status(CopyStatus.ACTIVE),
                Updates.set(SIZING, event.sizing().name()),
                Updates.set(AMOUNT_PER_TRADE, event.sizing() == SizingMode.FIXED_AMOUNT && event.amountPerTrade() != null
                        ? event.amountPerTrade().cents() : null),
                Updates.set(STOP_LOSS_PERCENT, event.stopLossPercent().stripTrailingZeros().toPlainString()),
                Updates.set(STOP_LOSS_EQUITY, event.stopLossEquity().cents()),
                Updates.set(AMOUNT, event.amount().cents()),
                Updates.set(NET_INVESTED, event.amount().cents()),
                Updates.set(STARTED_AT, event.at().toString()),
                Updates.set(STARTED_KEY, Cursors.timeKey(event.at()))));
    }

    @EventHandler
    public void on(CopyPausedEvent event, @SequenceNumber long sequence) {
        apply(event.copyId(), sequence, status(CopyStatus.PAUSED));
    }

    @EventHandler
    public void on(CopyResumedEvent event, @SequenceNumber long sequence) {
        apply(event.copyId(), sequence, status(CopyStatus.ACTIVE));
    }

    @EventHandler
    public void on(CopyFundsChangedEvent event, @SequenceNumber long sequence) {
        apply(event.copyId(), sequence, Updates.combine(
                Updates.set(NET_INVESTED, event.netInvested().cents()),
                Updates.set(STOP_LOSS_EQUITY, event.stopLossEquity().cents())));
    }

    @EventHandler
    public void on(CopyStoppingEvent event, @SequenceNumber long sequence) {
        apply(event.copyId(), sequence, Updates.combine(
                status(CopyStatus.STOPPING),
                Updates.set(STOP_REASON, event.reason().name())));
    }

    @EventHandler
    public void on(CopyClosedEvent event, @SequenceNumber long sequence) {
        apply(event.copyId(), sequence, Updates.combine(
                status(CopyStatus.CLOSED),
                Updates.set(STOP_REASON, event.reason() == null ? null : event.reason().name()),
                Updates.set(CLOSED_AT, event.at().toString()),
                Updates.set(RETURNED_CASH, event.returnedCash() == null ? 0L : event.returnedCash().cents())));
    }

    @EventHandler
    public void on(LeaderTradeMirroredEvent event, @SequenceNumber long sequence) {
        MirrorExplanation explanation = event.explanation();
        streams.handled(event.copyId().value(), sequence);
        write(entryOf(event.copyId(), sequence, kindOf(explanation), event.at(),
                event.orderId().value(), leaderTrade(explanation), event.symbol().value(), event.side().name(),
                explanation.finalQuantity().lots(), false, null, null, explanation));
    }

    @EventHandler
    public void on(LeaderTradeSkippedEvent event, @SequenceNumber long sequence) {
        MirrorExplanation explanation = event.explanation();
        streams.handled(event.copyId().value(), sequence);
        write(entryOf(event.copyId(), sequence, kindOf(explanation), event.at(), null,
                leaderTrade(explanation), event.symbol().value(), event.side().name(),
                explanation == null ? 0L : explanation.finalQuantity().lots(), true, event.reason().name(),
                event.detail(), explanation));
    }

    @EventHandler
    public void on(CopySellRequestedEvent event, @SequenceNumber long sequence) {
        streams.handled(event.copyId().value(), sequence);
        write(entryOf(event.copyId(), sequence, event.stop() ? Kind.STOP : Kind.CLOSE,
                event.at(), event.orderId().value(), null, event.symbol().value(), Side.SELL.name(), event.quantity().lots(),
                false, null, null, null));
    }

    /** The allowance aggregate's events have no use here; counted so that its stream stays contiguous. */
    @EventHandler
    public void on(CopyAllowanceChangedEvent event, @SequenceNumber long sequence) {
        streams.handled(event.allowanceId(), sequence);
    }

    @ResetHandler
    public void reset() {
        ReadModelWrites.deleteAll(copies);
        ReadModelWrites.deleteAll(orders);
        streams.reset();
    }

    private static Bson status(CopyStatus status) {
        return Updates.combine(Updates.set(STATUS, status.name()), Updates.set(LIVE, status.isLive()));
    }

    /** A mirror of the leader's open position at start has no leader trade. */
    private static Kind kindOf(MirrorExplanation explanation) {
        return explanation == null || explanation.leaderTradeId() == null ? Kind.OPEN_POSITION : Kind.MIRROR;
    }

    private static String leaderTrade(MirrorExplanation explanation) {
        return explanation == null || explanation.leaderTradeId() == null ? null : explanation.leaderTradeId().value();
    }

    private static Document entry(CopyId copyId, long sequence, Kind kind, Instant at) {
        return new Document("_id", orderId(copyId.value(), sequence)).append(COPY_ID, copyId.value()).append(KIND, kind.name())
                .append(CREATED_AT, at.toString());
    }

    private static Document entryOf(CopyId copyId, long sequence, Kind kind, Instant at, String orderId, String leaderTradeId,
                                    String symbol, String side, long quantity, boolean skipped, String skipReason,
                                    String skipDetail, MirrorExplanation explanation) {
        return entry(copyId, sequence, kind, at)
                .append(ORDER_ID, orderId)
                .append(LEADER_TRADE_ID, leaderTradeId)
                .append(SYMBOL, symbol)
                .append(SIDE, side)
                .append(QUANTITY, quantity)
                .append(SKIPPED, skipped)
                .append(SKIP_REASON, skipReason)
                .append(SKIP_DETAIL, skipDetail)
                .append(EXPLANATION, explanation == null ? null : explanation(explanation));
    }

    /** Cash in cents and quantities in lots; the ratio and the raw quantity as exact decimal strings. */
    private static Document explanation(MirrorExplanation explanation) {
        return new Document(LEADER_EQUITY, explanation.leaderEquity() == null ? null : explanation.leaderEquity().cents())
                .append(COPY_EQUITY, explanation.copyEquity() == null ? null : explanation.copyEquity().cents())
                .append(RATIO, explanation.ratio() == null ? null : explanation.ratio().toPlainString())
                .append(RAW_QUANTITY, explanation.rawQuantity() == null ? null : explanation.rawQuantity().toPlainString())
                .append(FINAL_QUANTITY, explanation.finalQuantity() == null ? 0L : explanation.finalQuantity().lots())
                .append(CUT_BY, explanation.cutBy() == null ? null : explanation.cutBy().name());
    }

    private void write(Document entry) {
        String id = entry.getString("_id");
        ReadModelWrites.write(orders, id, new ReplaceOneModel<>(Filters.eq("_id", id), entry, new ReplaceOptions().upsert(true)));
    }

    private void apply(CopyId copyId, long sequence, Bson update) {
        streams.handled(copyId.value(), sequence);
        SequencedUpdates.applyIfNewer(copies, copyId.value(), sequence, update, true);
    }
}
