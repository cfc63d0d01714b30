package io.tandem.projection.payment;

import io.tandem.contracts.common.Cash;
import io.tandem.contracts.payment.FindPaymentQuery;
import io.tandem.contracts.payment.PaymentConfirmedEvent;
import io.tandem.contracts.payment.PaymentDirection;
import io.tandem.contracts.payment.PaymentFailedEvent;
import io.tandem.contracts.payment.PaymentId;
import io.tandem.contracts.payment.PaymentInitiatedEvent;
import io.tandem.contracts.payment.PaymentOutcomeConflictedEvent;
import io.tandem.contracts.payment.PaymentStatus;
import io.tandem.contracts.payment.PaymentView;
import io.tandem.projection.support.MongoReadModelTest;
import io.tandem.projection.support.ReadModelCollections;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tandem.projection.payment.PaymentEvents.*;
import static io.tandem.projection.support.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

class PaymentProjectorTest extends MongoReadModelTest {

    private static final PaymentId DEP = PaymentId.of("pay-dep");
    private static final PaymentId WDR = PaymentId.of("pay-wdr");

    private PaymentProjector projector;
    private PaymentQueryHandler queries;

    @BeforeEach
    void setUp() {
        projector = new PaymentProjector(database);
        queries = new PaymentQueryHandler(database);
    }

    private PaymentView payment(PaymentId id) {
        return queries.find(new FindPaymentQuery(id));
    }

    private void depositConfirmed() {
        projector.on(deposit("pay-dep", "250.00", T0), 0);
        projector.on(new PaymentInitiatedEvent(DEP, ALICE, PaymentDirection.DEPOSIT, "sim-1", T0.plusSeconds(1)), 1);
        projector.on(new PaymentConfirmedEvent(DEP, ALICE, PaymentDirection.DEPOSIT, Cash.parse("250.00"), "sim-1", T0.plusSeconds(3)), 2);
    }

    private List<Document> history(PaymentId id) {
        Document document = database.getCollection(ReadModelCollections.PAYMENTS).find(new Document("_id", id.value())).first();
        return document.getList(PaymentDocuments.HISTORY, Document.class);
    }

    @Test
    void aRequestedDepositIsListedAsRequestedWithItsAmountAndProvider() {
        projector.on(deposit("pay-dep", "250.00", T0), 0);

        assertThat(payment(DEP)).usingRecursiveComparison().ignoringFields("cursor")
                .isEqualTo(new PaymentView("pay-dep", "acc-alice", "DEPOSIT", "250.00", "REQUESTED",
                        null, "simulator", "2025-01-01T10:00:00Z", "2025-01-01T10:00:00Z", null));
    }

    @Test
    void anInitiatedPaymentIsPendingSinceTheProviderAcceptedIt() {
        projector.on(withdrawal("pay-wdr", "40.00", T0), 0);

        projector.on(new PaymentInitiatedEvent(WDR, ALICE, PaymentDirection.WITHDRAWAL, "sim-2", T0.plusSeconds(1)), 1);

        PaymentView view = payment(WDR);
        assertThat(view.direction()).isEqualTo("WITHDRAWAL");
        assertThat(view.status()).isEqualTo("PENDING");
        assertThat(view.updatedAt()).isEqualTo("2025-01-01T10:00:01Z");
    }

    @Test
    void aConfirmedPaymentKeepsEveryStatusItWentThroughInItsHistory() {
        depositConfirmed();

        assertThat(payment(DEP).status()).isEqualTo("CONFIRMED");
        assertThat(payment(DEP).updatedAt()).isEqualTo("2025-01-01T10:00:03Z");
        assertThat(history(DEP)).extracting(entry -> entry.getString("status"))
                .containsExactly("REQUESTED", "PENDING", "CONFIRMED");
    }

    @Test
    void aFailedPaymentCarriesItsReason() {
        projector.on(withdrawal("pay-wdr", "40.00", T0), 0);
        projector.on(new PaymentInitiatedEvent(WDR, ALICE, PaymentDirection.WITHDRAWAL, "sim-2", T0.plusSeconds(1)), 1);

        projector.on(new PaymentFailedEvent(WDR, ALICE, PaymentDirection.WITHDRAWAL, Cash.parse("40.00"), "TIMEOUT", T0.plusSeconds(90)), 2);

        PaymentView view = payment(WDR);
        assertThat(view.status()).isEqualTo("FAILED");
        assertThat(view.reason()).isEqualTo("TIMEOUT");
        assertThat(history(WDR).get(2)).containsEntry("status", "FAILED").containsEntry("reason", "TIMEOUT");
    }

    private void withdrawalTimedOutThenConfirmedLate() {
        projector.on(withdrawal("pay-wdr", "40.00", T0), 0);
        projector.on(new PaymentInitiatedEvent(WDR, ALICE, PaymentDirection.WITHDRAWAL, "sim-2", T0.plusSeconds(1)), 1);
        projector.on(new PaymentFailedEvent(WDR, ALICE, PaymentDirection.WITHDRAWAL, Cash.parse("40.00"), "TIMEOUT", T0.plusSeconds(90)), 2);
        projector.on(new PaymentOutcomeConflictedEvent(WDR, ALICE, PaymentDirection.WITHDRAWAL, Cash.parse("40.00"),
                PaymentStatus.FAILED, PaymentStatus.CONFIRMED, "sim-late", T0.plusSeconds(120)), 3);
    }

    private Document document(PaymentId id) {
        return database.getCollection(ReadModelCollections.PAYMENTS).find(new Document("_id", id.value())).first();
    }

    @Test
    void aContradictingAnswerIsRecordedOnThePaymentForAnOperator() {
        withdrawalTimedOutThenConfirmedLate();

        assertThat(document(WDR).get(PaymentDocuments.CONFLICT, Document.class))
                .containsEntry("recorded", "FAILED")
                .containsEntry("reported", "CONFIRMED")
                .containsEntry("detail", "sim-late")
                .containsEntry("at", "2025-01-01T10:02:00Z");
        assertThat(history(WDR)).hasSize(4).last().satisfies(entry -> assertThat(entry)
                .containsEntry("status", "FAILED").containsEntry("reported", "CONFIRMED").containsEntry("detail", "sim-late"));
    }

    @Test
    void aContradictingAnswerLeavesTheStatusItsReasonAndUpdateTimeAsTheyWere() {
        withdrawalTimedOutThenConfirmedLate();

        PaymentView view = payment(WDR);
        assertThat(view.status()).isEqualTo("FAILED");
        assertThat(view.reason()).isEqualTo("TIMEOUT");
        assertThat(view.updatedAt()).isEqualTo("2025-01-01T10:01:30Z");
    }

    @Test
    void aRedeliveredConflictIsRecordedOnce() {
        withdrawalTimedOutThenConfirmedLate();

        projector.on(new PaymentOutcomeConflictedEvent(WDR, ALICE, PaymentDirection.WITHDRAWAL, Cash.parse("40.00"),
                PaymentStatus.FAILED, PaymentStatus.CONFIRMED, "sim-late", T0.plusSeconds(120)), 3);

        assertThat(history(WDR)).hasSize(4);
    }

    @Test
    void aPaymentWithoutContradictionsHasNoConflict() {
        depositConfirmed();

        assertThat(document(DEP)).doesNotContainKey(PaymentDocuments.CONFLICT);
    }

    @Test
    void replayingTheSameEventsTwiceChangesNeitherStatusNorHistory() {
        depositConfirmed();
        PaymentView once = payment(DEP);

        depositConfirmed();

        assertThat(payment(DEP)).isEqualTo(once);
        assertThat(history(DEP)).hasSize(3);
    }

    @Test
    void aRedeliveredOlderEventDoesNotRewindTheStatus() {
        depositConfirmed();

        projector.on(new PaymentInitiatedEvent(DEP, ALICE, PaymentDirection.DEPOSIT, "sim-1", T0.plusSeconds(1)), 1);

        assertThat(payment(DEP).status()).isEqualTo("CONFIRMED");
    }

    @Test
    void anUnknownPaymentIsNull() {
        assertThat(payment(PaymentId.of("nope"))).isNull();
    }

    @Test
    void resetClearsEveryPayment() {
        depositConfirmed();

        projector.reset();

        assertThat(payment(DEP)).isNull();
    }
}
