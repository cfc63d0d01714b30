package io.tandem.projection.payment;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.payment.DepositRequestedEvent;
import io.tandem.contracts.payment.PaymentConfirmedEvent;
import io.tandem.contracts.payment.PaymentDirection;
import io.tandem.contracts.payment.PaymentFailedEvent;
import io.tandem.contracts.payment.PaymentId;
import io.tandem.contracts.payment.PaymentInitiatedEvent;
import io.tandem.contracts.payment.PaymentOutcomeConflictedEvent;
import io.tandem.contracts.payment.PaymentStatus;
import io.tandem.contracts.payment.WithdrawalRequestedEvent;
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
import java.util.ArrayList;
import java.util.List;

import static io.tandem.projection.payment.PaymentDocuments.*;

/**
 * Projects the Payment aggregate's events into one document per payment: its current status, the
 * reason of a failure, and the history of every status it went through. All events of a payment
 * come from its own stream, so the payment's sequence number makes each change apply at most once,
 * and a redelivered or replayed event neither rewinds the status nor repeats a history entry. No
 * handler reads: the updates of a batch are sent together ({@link io.tandem.projection.support.ReadModelWrites}).
 * <p>
 * A provider answer that contradicted the payment's final status leaves the status, reason and
 * update time as they are (nothing moved), but it is kept on the document for an operator to
 * reconcile: the latest one under {@code conflict} and every one in the history.
 */
@Component
@ProcessingGroup(PaymentProjector.PROCESSING_GROUP)
public class PaymentProjector {

    public static final String PROCESSING_GROUP = "payments-view";

    private final MongoCollection<Document> payments;
    private final AggregateStreams streams;

    public PaymentProjector(MongoDatabase database) {
        this.payments = database.getCollection(ReadModelCollections.PAYMENTS);
        this.streams = AggregateStreams.of(database, PROCESSING_GROUP, payments);
        // Scanned backwards, this index serves the newest-first listing of an account's payments.
        payments.createIndex(Indexes.ascending(ACCOUNT_ID, REQUESTED_KEY, "_id"));
    }

    @EventHandler
    public void on(DepositRequestedEvent event, @SequenceNumber long sequence) {
        requested(event.paymentId(), sequence, event.accountId(), PaymentDirection.DEPOSIT, event.amount(),
                event.provider(), event.requestedAt());
    }

    @EventHandler
    public void on(WithdrawalRequestedEvent event, @SequenceNumber long sequence) {
        requested(event.paymentId(), sequence, event.accountId(), PaymentDirection.WITHDRAWAL, event.amount(),
                event.provider(), event.requestedAt());
    }

    @EventHandler
    public void on(PaymentInitiatedEvent event, @SequenceNumber long sequence) {
        apply(event.paymentId(), sequence, PaymentStatus.PENDING, null, event.providerReference(), event.at());
    }

    @EventHandler
    public void on(PaymentConfirmedEvent event, @SequenceNumber long sequence) {
        apply(event.paymentId(), sequence, PaymentStatus.CONFIRMED, null, event.providerReference(), event.at());
    }

    @EventHandler
    public void on(PaymentFailedEvent event, @SequenceNumber long sequence) {
        apply(event.paymentId(), sequence, PaymentStatus.FAILED, event.reason(), null, event.at());
    }

    @EventHandler
    public void on(PaymentOutcomeConflictedEvent event, @SequenceNumber long sequence) {
        Document conflict = new Document(CONFLICT_RECORDED, event.recorded().name())
                .append(CONFLICT_REPORTED, event.reported().name())
                .append(CONFLICT_DETAIL, event.detail())
                .append(HISTORY_AT, event.at().toString());
        Document entry = new Document(HISTORY_STATUS, event.recorded().name())
                .append(CONFLICT_REPORTED, event.reported().name())
                .append(CONFLICT_DETAIL, event.detail())
                .append(HISTORY_AT, event.at().toString());
        write(event.paymentId(), sequence, Updates.combine(Updates.set(CONFLICT, conflict), Updates.push(HISTORY, entry)));
    }

    @ResetHandler
    public void reset() {
        ReadModelWrites.deleteAll(payments);
        streams.reset();
    }

    private void requested(PaymentId paymentId, long sequence, AccountId accountId, PaymentDirection direction,
                           Cash amount, String provider, Instant requestedAt) {
        List<Bson> updates = new ArrayList<>(List.of(
                Updates.set(ACCOUNT_ID, accountId.value()),
                Updates.set(DIRECTION, direction.name()),
                Updates.set(AMOUNT, amount.cents()),
                Updates.set(PROVIDER, provider),
                Updates.set(REQUESTED_AT, requestedAt.toString()),
                Updates.set(REQUESTED_KEY, Cursors.timeKey(requestedAt))));
        updates.addAll(status(PaymentStatus.REQUESTED, null, requestedAt));
        write(paymentId, sequence, Updates.combine(updates));
    }

    private void apply(PaymentId paymentId, long sequence, PaymentStatus status, String reason,
                       String providerReference, Instant at) {
        List<Bson> updates = new ArrayList<>(status(status, reason, at));
        if (providerReference != null) {
            updates.add(Updates.set(PROVIDER_REFERENCE, providerReference));
        }
        write(paymentId, sequence, Updates.combine(updates));
    }

    /** Every event of a payment writes its document; a missing one stops it ({@link AggregateStreams}). */
    private void write(PaymentId paymentId, long sequence, Bson update) {
        streams.handled(paymentId.value(), sequence);
        SequencedUpdates.applyIfNewer(payments, paymentId.value(), sequence, update, true);
    }

    private static List<Bson> status(PaymentStatus status, String reason, Instant at) {
        return List.of(
                Updates.set(STATUS, status.name()),
                Updates.set(REASON, reason),
                Updates.set(UPDATED_AT, at.toString()),
                Updates.push(HISTORY, new Document(HISTORY_STATUS, status.name())
                        .append(HISTORY_REASON, reason)
                        .append(HISTORY_AT, at.toString())));
    }
}
