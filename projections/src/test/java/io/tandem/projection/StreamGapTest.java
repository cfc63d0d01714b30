package io.tandem.projection;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.tandem.contracts.account.AccountOpenedEvent;
import io.tandem.contracts.account.CashAdjustedEvent;
import io.tandem.contracts.account.DepositAcceptedEvent;
import io.tandem.contracts.account.DepositCreditedEvent;
import io.tandem.contracts.common.*;
import io.tandem.contracts.orderbook.OrderPlacedEvent;
import io.tandem.contracts.payment.DepositRequestedEvent;
import io.tandem.contracts.payment.PaymentConfirmedEvent;
import io.tandem.contracts.payment.PaymentDirection;
import io.tandem.contracts.payment.PaymentId;
import io.tandem.contracts.payment.PaymentInitiatedEvent;
import io.tandem.projection.marketdata.OrderBookProjector;
import io.tandem.projection.payment.PaymentProjector;
import io.tandem.projection.portfolio.AccountProjector;
import io.tandem.projection.portfolio.OrderProjector;
import io.tandem.projection.support.MongoReadModelTest;
import io.tandem.projection.support.ProjectionGaps;
import io.tandem.projection.support.ReadModelCollections;
import io.tandem.projection.support.StreamGapException;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static io.tandem.projection.support.ProjectionBatches.*;
import static io.tandem.projection.support.TestEvents.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A projection never applies an event of an aggregate over a missing earlier one: the event (or the
 * batch holding it) fails, nothing of it is written, and once the missing event arrives everything
 * applies in order, ending exactly as if nothing had been missing.
 */
class StreamGapTest extends MongoReadModelTest {

    private static final AccountId ALICE = AccountId.of("acc-alice");
    private static final AccountId BOB = AccountId.of("acc-bob");
    private static final UserId ADMIN = UserId.of("admin");

    @BeforeEach
    void noGaps() {
        ProjectionGaps.clear();
    }

    @AfterEach
    void forgetGaps() {
        ProjectionGaps.clear();
        ProjectionGaps.reportAfter(Duration.ofMinutes(1));
    }

    private static EventMessage<Object> account(AccountId id, long sequence, Object payload) {
        return event("Account", id.value(), sequence, payload);
    }

    private static EventMessage<Object> book(long sequence, Object payload) {
        return event("OrderBook", ACME.value(), sequence, payload);
    }

    private static EventMessage<Object> credit(AccountId id, long sequence, String adjustmentId, String amount) {
        return account(id, sequence, new CashAdjustedEvent(id, AdjustmentId.of(adjustmentId), Cash.parse(amount), "x", ADMIN));
    }

    /** Alice and Bob open accounts and get credited; Alice's third credit is sequence 3. */
    private static final List<EventMessage<Object>> ACCOUNTS = List.of(
            account(ALICE, 0, new AccountOpenedEvent(ALICE, UserId.of("alice"), AccountType.TRADING)),
            account(BOB, 0, new AccountOpenedEvent(BOB, UserId.of("bob"), AccountType.TRADING)),
            credit(ALICE, 1, "a-1", "100.00"),
            credit(BOB, 1, "b-1", "7.00"),
            credit(ALICE, 2, "a-2", "20.00"),
            credit(ALICE, 3, "a-3", "3.00"));

    private static final EventMessage<Object> MISSING = ACCOUNTS.get(4);

    private static List<EventMessage<Object>> without(List<EventMessage<Object>> events, EventMessage<Object> missing) {
        List<EventMessage<Object>> delivered = new ArrayList<>(events);
        delivered.remove(missing);
        return delivered;
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause != cause.getCause()) {
            cause = cause.getCause();
        }
        return cause;
    }

    private Document accountDocument(AccountId id) {
        return database.getCollection(ReadModelCollections.ACCOUNTS).find(Filters.eq("_id", id.value())).first();
    }

    @Test
    void anEventAfterAMissingOneIsRefusedAndAppliesOnceTheMissingOneArrives() {
        AccountProjector projector = new AccountProjector(database);
        List<EventMessage<Object>> delivered = without(ACCOUNTS, MISSING);
        oneByOne(projector, delivered.subList(0, 4));

        assertThatThrownBy(() -> oneByOne(projector, delivered.subList(4, 5)))
                .satisfies(error -> assertThat(rootCause(error)).isInstanceOf(StreamGapException.class)
                        .hasMessageContaining("acc-alice (handled up to 1, next is 3)"));
        assertThat(accountDocument(ALICE).get("available")).as("not advanced past the gap").isEqualTo(10_000L);
        assertThat(ProjectionGaps.open()).singleElement().satisfies(gap -> {
            assertThat(gap.aggregateId()).isEqualTo("acc-alice");
            assertThat(gap.head()).isEqualTo(1);
            assertThat(gap.next()).isEqualTo(3);
        });

        oneByOne(projector, List.of(MISSING, ACCOUNTS.get(5)));

        assertThat(accountDocument(ALICE).get("available")).isEqualTo(12_300L);
        assertThat(ProjectionGaps.open()).isEmpty();
    }

    @Test
    void aBatchWithAGapWritesNothingAndIsAppliedWholeOnceTheMissingEventIsDelivered() {
        assertBatchWithGapWaitsForIt(AccountProjector::new, ACCOUNTS, MISSING);
    }

    @Test
    void aGapWithinABatchOfTheOrderBookStreamHoldsBackEveryOrderOfTheBook() {
        OrderPlacedEvent ask = limit("a-1", "acc-c", Side.SELL, "10.00", "5", T0);
        OrderPlacedEvent bid = limit("b-1", "acc-a", Side.BUY, "10.00", "2", T0.plusSeconds(1));
        List<EventMessage<Object>> book = List.of(
                book(0, acmeListed("1000")),
                book(1, ask),
                book(2, bid),
                book(3, trade("ACME-1", ask, bid, "2", 2000, false, true)));
        assertBatchWithGapWaitsForIt(OrderProjector::new, book, book.get(2));
        ProjectionGaps.clear();
        database = emptyDatabase("order-book");
        assertBatchWithGapWaitsForIt(OrderBookProjector::new, book, book.get(2));
    }

    @Test
    void anEventWithoutBalanceEffectIsCountedTooSoWithheldItHoldsBackWhatFollows() {
        PaymentId payment = PaymentId.of("dep-1");
        List<EventMessage<Object>> events = List.of(
                account(ALICE, 0, new AccountOpenedEvent(ALICE, UserId.of("alice"), AccountType.TRADING)),
                account(ALICE, 1, new DepositAcceptedEvent(ALICE, payment, UserId.of("alice"), Cash.parse("5.00"))),
                account(ALICE, 2, new DepositCreditedEvent(ALICE, payment, Cash.parse("5.00"))));
        assertBatchWithGapWaitsForIt(AccountProjector::new, events, events.get(1));
    }

    @Test
    void aPaymentStreamWithAGapWaitsForIt() {
        PaymentId payment = PaymentId.of("dep-1");
        List<EventMessage<Object>> events = List.of(
                event("Payment", "dep-1", 0, new DepositRequestedEvent(payment, ALICE, UserId.of("alice"), Cash.parse("5.00"),
                        "simulator", T0)),
                event("Payment", "dep-1", 1, new PaymentInitiatedEvent(payment, ALICE, PaymentDirection.DEPOSIT, "ref-1", T0)),
                event("Payment", "dep-1", 2, new PaymentConfirmedEvent(payment, ALICE, PaymentDirection.DEPOSIT,
                        Cash.parse("5.00"), "ref-1", T0)));
        assertBatchWithGapWaitsForIt(PaymentProjector::new, events, events.get(1));
    }

    @Test
    void aReadModelBuiltBeforeStreamHeadsAdoptsEachAggregateAtItsNextEventThenChecksItAndAfterAResetFromItsStart() {
        // an account document written by the previous version, and no heads: the processor carries on at event 2
        var accounts = database.getCollection(ReadModelCollections.ACCOUNTS);
        accounts.insertOne(new Document("_id", ALICE.value()).append("available", 10_000L).append("lastSeq", 1L));
        AccountProjector projector = new AccountProjector(database);

        oneByOne(projector, List.of(ACCOUNTS.get(4)));
        assertThat(accountDocument(ALICE).get("available")).as("adopted at event 2").isEqualTo(12_000L);
        assertThatThrownBy(() -> oneByOne(projector, List.of(credit(ALICE, 4, "a-4", "1.00"))))
                .satisfies(error -> assertThat(rootCause(error)).isInstanceOf(StreamGapException.class));
        assertThat(accountDocument(ALICE).get("available")).as("checked from then on").isEqualTo(12_000L);
        // an aggregate first seen now is adopted too
        oneByOne(projector, List.of(credit(BOB, 3, "b-3", "1.00")));

        projector.reset();

        assertThatThrownBy(() -> oneByOne(projector, List.of(ACCOUNTS.get(2))))
                .as("after a reset every stream is checked from its first event")
                .satisfies(error -> assertThat(rootCause(error)).isInstanceOf(StreamGapException.class));
        ProjectionGaps.clear();
        oneByOne(projector, ACCOUNTS);
        assertThat(accountDocument(ALICE).get("available")).isEqualTo(12_300L);
        assertThat(new AccountProjector(database)).as("a restart keeps checking from the start").isNotNull();
        assertThatThrownBy(() -> oneByOne(new AccountProjector(database), List.of(credit(BOB, 5, "b-5", "1.00"))))
                .satisfies(error -> assertThat(rootCause(error)).isInstanceOf(StreamGapException.class));
    }

    @Test
    void aGapStillOpenAfterTheBoundedWaitIsReportedAsOverdue() {
        ProjectionGaps.reportAfter(Duration.ZERO);
        AccountProjector projector = new AccountProjector(database);
        List<EventMessage<Object>> delivered = without(ACCOUNTS, MISSING);

        assertThatThrownBy(() -> inOneBatch(projector, delivered)).isInstanceOf(AssertionError.class);

        assertThat(ProjectionGaps.overdue()).singleElement().satisfies(gap -> {
            assertThat(gap.projection()).isEqualTo(ReadModelCollections.streamHeads(AccountProjector.PROCESSING_GROUP));
            assertThat(gap.aggregateId()).isEqualTo("acc-alice");
            assertThat(gap.reported()).isTrue();
        });
    }

    /**
     * Delivers {@code events} without {@code missing} in one batch, twice (a retry): each time the batch
     * fails and writes no document; then delivers them all, and expects what one event at a time gives.
     */
    private void assertBatchWithGapWaitsForIt(Function<MongoDatabase, Object> projector, List<EventMessage<Object>> events,
                                              EventMessage<Object> missing) {
        MongoDatabase reference = emptyDatabase("reference");
        oneByOne(projector.apply(reference), events);
        Object batched = projector.apply(database);
        var empty = documents(database);

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> inOneBatch(batched, without(events, missing)))
                    .satisfies(error -> assertThat(rootCause(error)).isInstanceOf(StreamGapException.class));
            assertThat(documents(database)).as("no document written by a batch with a gap").isEqualTo(empty);
        }
        assertThat(ProjectionGaps.open()).hasSize(1);

        inOneBatch(batched, events);

        assertThat(contents(database)).isEqualTo(contents(reference));
        assertThat(ProjectionGaps.open()).isEmpty();
    }

    /** The read-model collections' contents, without the stream heads. */
    private static List<List<String>> documents(MongoDatabase database) {
        List<List<String>> documents = new ArrayList<>();
        contents(database).forEach((name, content) -> {
            if (!name.endsWith("_streams")) {
                documents.add(content);
            }
        });
        return documents;
    }
}
