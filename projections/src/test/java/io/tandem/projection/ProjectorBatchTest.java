package io.tandem.projection;

import com.mongodb.client.MongoDatabase;
import io.tandem.contracts.account.*;
import io.tandem.contracts.common.*;
import io.tandem.contracts.orderbook.*;
import io.tandem.contracts.payment.*;
import io.tandem.projection.marketdata.InstrumentProjector;
import io.tandem.projection.marketdata.OrderBookProjector;
import io.tandem.projection.marketdata.TradeTapeProjector;
import io.tandem.projection.payment.PaymentProjector;
import io.tandem.projection.portfolio.AccountProjector;
import io.tandem.projection.portfolio.OrderProjector;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.MongoReadModelTest;
import io.tandem.projection.support.ReadModelCollections;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static io.tandem.projection.support.ProjectionBatches.*;
import static io.tandem.projection.support.TestEvents.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every projector ends with exactly the same documents whether it handles events one by one (each
 * write sent at once) or a batch at a time in one unit of work (writes queued and sent as one
 * ordered bulk write per collection at the commit), including events redelivered from an earlier
 * batch (upserts colliding with documents that have seen them), events delivered twice within a
 * batch, and handlers reading what the same batch wrote before them.
 */
class ProjectorBatchTest extends MongoReadModelTest {

    private static final AccountId ALICE = AccountId.of("acc-alice");
    private static final AccountId BOB = AccountId.of("acc-bob");
    private static final AccountId FEES = AccountId.of("platform-fees");
    private static final UserId ADMIN = UserId.of("admin");

    /**
     * Applies {@code history} then {@code batch} one event at a time, in one batch each, and all in one
     * batch, each on its own database, and expects the same documents from the three.
     */
    private void assertBatchesEndAsOneByOne(Function<MongoDatabase, Object> projector,
                                            List<EventMessage<Object>> history, List<EventMessage<Object>> batch) {
        MongoDatabase reference = emptyDatabase("one-by-one");
        Object oneByOne = projector.apply(reference);
        oneByOne(oneByOne, history);
        oneByOne(oneByOne, batch);

        Object batched = projector.apply(database);
        inOneBatch(batched, history);
        inOneBatch(batched, batch);

        MongoDatabase single = emptyDatabase("single-batch");
        Object all = projector.apply(single);
        List<EventMessage<Object>> everything = new ArrayList<>(history);
        everything.addAll(batch);
        inOneBatch(all, everything);

        var expected = contents(reference);
        assertThat(expected.values()).as("the scenario writes something").anySatisfy(documents -> assertThat(documents).isNotEmpty());
        assertThat(contents(database)).isEqualTo(expected);
        assertThat(contents(single)).isEqualTo(expected);
    }

    private static EventMessage<Object> account(AccountId id, long sequence, Object payload) {
        return event("Account", id.value(), sequence, payload);
    }

    private static EventMessage<Object> book(long sequence, Object payload) {
        return event("OrderBook", ACME.value(), sequence, payload);
    }

    private static EventMessage<Object> payment(String id, long sequence, Object payload) {
        return event("Payment", id, sequence, payload);
    }

    // ---------------------------------------------------------------- accounts

    private static final OrderId BUY = OrderId.of("o-buy");
    private static final OrderId SELL = OrderId.of("o-sell");

    private static final List<EventMessage<Object>> ACCOUNT_HISTORY = List.of(
            account(ALICE, 0, new AccountOpenedEvent(ALICE, UserId.of("alice"), AccountType.TRADING)),
            account(ALICE, 1, new CashAdjustedEvent(ALICE, AdjustmentId.of("adj-1"), Cash.parse("100.00"), "welcome", ADMIN)),
            account(ALICE, 2, new CashReservedEvent(ALICE, BUY, ACME, Cash.parse("50.10"))),
            account(ISSUER, 0, new AccountOpenedEvent(ISSUER, UserId.of("issuer"), AccountType.TRADING)),
            account(ISSUER, 1, new SupplyIssuedEvent(ISSUER, ACME, quantity("1000"))),
            account(FEES, 0, new AccountOpenedEvent(FEES, UserId.of("platform"), AccountType.FEE)),
            account(FEES, 1, new FeesCollectedEvent(FEES, TradeId.of("ACME-1"), Cash.parse("0.15"))));

    private static final List<EventMessage<Object>> ACCOUNT_BATCH = List.of(
            ACCOUNT_HISTORY.get(2),                                     // redelivered: collides
            account(ALICE, 3, new BuySettledEvent(ALICE, TradeId.of("ACME-1"), BUY, ACME, quantity("5"), Cash.parse("50.00"), Cash.parse("0.10"))),
            account(ISSUER, 2, new PositionReservedEvent(ISSUER, SELL, ACME, quantity("5"))),
            account(ALICE, 3, new BuySettledEvent(ALICE, TradeId.of("ACME-1"), BUY, ACME, quantity("5"), Cash.parse("50.00"), Cash.parse("0.10"))),
            account(ISSUER, 3, new SellSettledEvent(ISSUER, TradeId.of("ACME-1"), SELL, ACME, quantity("5"), Cash.parse("50.00"), Cash.parse("0.05"))),
            ACCOUNT_HISTORY.get(6),                                     // redelivered: collides
            account(FEES, 2, new FeesCollectedEvent(FEES, TradeId.of("ACME-2"), Cash.parse("0.07"))),
            account(ALICE, 4, new ReservationReleasedEvent(ALICE, BUY, ACME, Cash.ZERO, Quantity.ZERO)),
            account(ALICE, 5, new PositionReservedEvent(ALICE, SELL, ACME, quantity("2"))),
            account(ALICE, 6, new ReservationReleasedEvent(ALICE, SELL, ACME, Cash.ZERO, quantity("1"))),
            account(ALICE, 7, new DepositCreditedEvent(ALICE, PaymentId.of("dep-1"), Cash.parse("20.00"))),
            account(ALICE, 8, new WithdrawalReservedEvent(ALICE, PaymentId.of("wd-1"), Cash.parse("30.00"))),
            account(ALICE, 9, new WithdrawalDebitedEvent(ALICE, PaymentId.of("wd-1"), Cash.parse("30.00"))),
            account(ALICE, 8, new WithdrawalReservedEvent(ALICE, PaymentId.of("wd-1"), Cash.parse("30.00"))),
            account(BOB, 0, new AccountOpenedEvent(BOB, UserId.of("bob"), AccountType.TRADING)),
            account(BOB, 1, new WithdrawalReservedEvent(BOB, PaymentId.of("wd-2"), Cash.parse("1.00"))),
            account(BOB, 0, new AccountOpenedEvent(BOB, UserId.of("bob"), AccountType.TRADING)),
            account(BOB, 2, new WithdrawalReleasedEvent(BOB, PaymentId.of("wd-2"), Cash.parse("1.00"))),
            ACCOUNT_HISTORY.get(0));                                    // redelivered after newer ones

    @Test
    void accounts() {
        assertBatchesEndAsOneByOne(AccountProjector::new, ACCOUNT_HISTORY, ACCOUNT_BATCH);
    }

    @Test
    void aBatchOfAccountEventsIsOneBulkWriteAndNoRead() {
        AccountProjector projector = new AccountProjector(database);
        clearCommands();

        inOneBatch(projector, ACCOUNT_HISTORY);

        assertThat(commands("update", database, ReadModelCollections.ACCOUNTS)).isEqualTo(1);
        assertThat(commands("find", database, ReadModelCollections.ACCOUNTS)).isZero();
        // the gap check: one update of the stream heads for the whole batch, no read
        String heads = ReadModelCollections.streamHeads(AccountProjector.PROCESSING_GROUP);
        assertThat(commands("update", database, heads)).isEqualTo(1);
        assertThat(commands("find", database, heads)).isZero();
    }

    @Test
    void aRedeliveredBatchOfAccountEventsCostsAFewRoundTrips() {
        AccountProjector projector = new AccountProjector(database);
        inOneBatch(projector, ACCOUNT_HISTORY);
        inOneBatch(projector, ACCOUNT_BATCH);
        var once = contents(database);
        clearCommands();

        inOneBatch(projector, ACCOUNT_BATCH);

        // the bulk write stops at the first collision; one read then shows that all the rest is applied too
        assertThat(commands("update", database, ReadModelCollections.ACCOUNTS)).isEqualTo(1);
        assertThat(commands("find", database, ReadModelCollections.ACCOUNTS)).isEqualTo(1);
        assertThat(contents(database)).isEqualTo(once);
    }

    // ---------------------------------------------------------------- orders and the order book

    private static final OrderPlacedEvent BID_1 = limit("b-1", "acc-a", Side.BUY, "9.90", "2", T0);
    private static final OrderPlacedEvent BID_2 = limit("b-2", "acc-b", Side.BUY, "9.80", "3", T0.plusSeconds(1));
    private static final OrderPlacedEvent ASK_1 = limit("a-1", "acc-c", Side.SELL, "10.10", "4", T0.plusSeconds(2));
    private static final OrderPlacedEvent ASK_2 = limit("a-2", "acc-c", Side.SELL, "10.00", "1.5", T0.plusSeconds(3));
    private static final OrderPlacedEvent MARKET_BUY = market("m-1", "acc-d", Side.BUY, "2", T0.plusSeconds(4));
    private static final OrderPlacedEvent MARKET_SELL = market("m-2", "acc-d", Side.SELL, "1", T0.plusSeconds(5));

    private static OrderFilledEvent filled(OrderPlacedEvent order, String quantity) {
        return new OrderFilledEvent(ACME, order.orderId(), order.accountId(), order.side(), quantity(quantity), T0);
    }

    private static OrderAmendedEvent amended(OrderPlacedEvent order, String price, String quantity) {
        return new OrderAmendedEvent(ACME, order.orderId(), order.accountId(), price == null ? null : price(price),
                quantity(quantity), price == null, T0);
    }

    private static final List<EventMessage<Object>> BOOK_HISTORY = List.of(
            book(0, acmeListed("1000")),
            book(1, BID_1),
            book(2, ASK_1));

    /** A market buy sweeps both asks, the swept ask is amended, a new bid is placed, amended, hit and cancelled. */
    private static final List<EventMessage<Object>> BOOK_BATCH = List.of(
            BOOK_HISTORY.get(2),                                                     // redelivered: collides
            book(3, ASK_2),
            book(4, MARKET_BUY),
            book(5, trade("ACME-1", ASK_2, MARKET_BUY, "1.5", 1500, true, false)),
            book(6, filled(ASK_2, "1.5")),
            book(7, trade("ACME-2", ASK_1, MARKET_BUY, "0.5", 505, false, true)),
            book(5, trade("ACME-1", ASK_2, MARKET_BUY, "1.5", 1500, true, false)),   // redelivered in the batch
            book(8, filled(MARKET_BUY, "2")),
            book(9, amended(ASK_1, "10.20", "3")),                                   // reads the fill of 7
            book(10, BID_2),
            book(11, amended(BID_2, null, "2")),                                     // reads the placement of 10
            book(12, MARKET_SELL),
            book(13, trade("ACME-3", BID_1, MARKET_SELL, "1", 990, false, true)),
            book(14, filled(MARKET_SELL, "1")),
            book(9, amended(ASK_1, "10.20", "3")),                                   // redelivered: skipped
            book(15, new OrderCancelledEvent(ACME, BID_1.orderId(), BID_1.accountId(), Side.BUY, quantity("1"),
                    quantity("1"), CancelReason.USER_REQUESTED, T0)),
            book(16, amended(BID_1, "9.95", "3")),                                   // a closed order: read, nothing else
            book(17, trade("ACME-4", BID_2, MARKET_SELL, "0.5", 490, false, true)),
            BOOK_HISTORY.get(1));                                                    // redelivered after newer ones

    @Test
    void theOrderBook() {
        assertBatchesEndAsOneByOne(OrderBookProjector::new, BOOK_HISTORY, BOOK_BATCH);
    }

    @Test
    void orders() {
        assertBatchesEndAsOneByOne(OrderProjector::new, BOOK_HISTORY, BOOK_BATCH);
    }

    @Test
    void anOrderBookBatchReadsOnlyForAmendmentsOfOrdersItWrote() {
        OrderBookProjector projector = new OrderBookProjector(database);
        inOneBatch(projector, BOOK_HISTORY);
        clearCommands();

        inOneBatch(projector, BOOK_BATCH.subList(1, 8));                         // trades, no amendment
        assertThat(commands("update", database, ReadModelCollections.BOOK_ORDERS)).isEqualTo(1);
        assertThat(commands("update", database, ReadModelCollections.BOOKS)).isEqualTo(1);
        assertThat(commands("find", database, ReadModelCollections.BOOK_ORDERS)).isZero();
        clearCommands();

        inOneBatch(projector, List.of(book(9, amended(ASK_1, "10.20", "3")), book(10, BID_2),
                book(11, amended(BID_2, null, "2"))));
        // the first amendment finds nothing of this batch queued; the second sends the placement first
        assertThat(commands("find", database, ReadModelCollections.BOOK_ORDERS)).isEqualTo(2);
        assertThat(commands("update", database, ReadModelCollections.BOOK_ORDERS)).isEqualTo(2);
    }

    @Test
    void theLastPriceIsWrittenOncePerBatch() {
        OrderBookProjector projector = new OrderBookProjector(database);
        inOneBatch(projector, BOOK_HISTORY);
        clearCommands();

        inOneBatch(projector, BOOK_BATCH.subList(1, 8));

        assertThat(database.getCollection(ReadModelCollections.BOOKS).find().first().getLong("lastPrice"))
                .isEqualTo(ASK_1.limitPrice().ticks());
        assertThat(database.getCollection(ReadModelCollections.BOOKS).find().first().getLong("lastSeq")).isEqualTo(7);
    }

    // ---------------------------------------------------------------- trade tape

    @Test
    void theTradeTape() {
        var t1 = book(5, trade("ACME-1", ASK_2, MARKET_BUY, "1.5", 1500, true, false));
        var t2 = book(7, trade("ACME-2", ASK_1, MARKET_BUY, "0.5", 505, false, true));
        var t3 = book(13, trade("ACME-3", BID_1, MARKET_SELL, "1", 990, false, true));
        assertBatchesEndAsOneByOne(TradeTapeProjector::new, List.of(t1), List.of(t1, t2, t2, t3, t1));
    }

    // ---------------------------------------------------------------- instruments

    @Test
    void instruments() {
        InstrumentSpec brk = new InstrumentSpec(Symbol.of("BRK.B"), "Berkshire B", new BigDecimal("0.01"),
                new BigDecimal("1"), new BigDecimal("0.001"), new BigDecimal("0.002"), Quantity.ofLots(1000),
                Cash.parse("1000000.00"), new BigDecimal("0.10"));
        EventMessage<Object> acme = GenericEventMessage.asEventMessage(acmeListed("1000"));
        EventMessage<Object> brkListed = GenericEventMessage.asEventMessage(
                new InstrumentListedEvent(brk.symbol(), brk, ISSUER, Quantity.ofLots(500), T0));
        assertBatchesEndAsOneByOne(database -> new InstrumentProjector(new InstrumentFormats(database)),
                List.of(acme), List.of(acme, brkListed, brkListed, acme));
    }

    // ---------------------------------------------------------------- payments

    private static final AccountId PAYER = AccountId.of("acc-alice");
    private static final PaymentId DEPOSIT = PaymentId.of("acc-alice:dep-1");
    private static final PaymentId WITHDRAWAL = PaymentId.of("acc-alice:wd-1");

    private static final List<EventMessage<Object>> PAYMENT_HISTORY = List.of(
            payment(DEPOSIT.value(), 0, new DepositRequestedEvent(DEPOSIT, PAYER, UserId.of("alice"), Cash.parse("10.00"), "simulator", T0)),
            payment(DEPOSIT.value(), 1, new PaymentInitiatedEvent(DEPOSIT, PAYER, PaymentDirection.DEPOSIT, "sim-1", T0.plusSeconds(1))));

    private static final List<EventMessage<Object>> PAYMENT_BATCH = List.of(
            PAYMENT_HISTORY.get(1),                                                  // redelivered: collides
            payment(DEPOSIT.value(), 2, new PaymentConfirmedEvent(DEPOSIT, PAYER, PaymentDirection.DEPOSIT, Cash.parse("10.00"), "sim-1", T0.plusSeconds(2))),
            payment(WITHDRAWAL.value(), 0, new WithdrawalRequestedEvent(WITHDRAWAL, PAYER, UserId.of("alice"), Cash.parse("3.00"), "simulator", T0.plusSeconds(3))),
            payment(DEPOSIT.value(), 3, new PaymentOutcomeConflictedEvent(DEPOSIT, PAYER, PaymentDirection.DEPOSIT, Cash.parse("10.00"),
                    PaymentStatus.CONFIRMED, PaymentStatus.FAILED, "declined late", T0.plusSeconds(4))),
            payment(WITHDRAWAL.value(), 1, new PaymentInitiatedEvent(WITHDRAWAL, PAYER, PaymentDirection.WITHDRAWAL, "sim-2", T0.plusSeconds(5))),
            payment(WITHDRAWAL.value(), 0, new WithdrawalRequestedEvent(WITHDRAWAL, PAYER, UserId.of("alice"), Cash.parse("3.00"), "simulator", T0.plusSeconds(3))),
            payment(DEPOSIT.value(), 3, new PaymentOutcomeConflictedEvent(DEPOSIT, PAYER, PaymentDirection.DEPOSIT, Cash.parse("10.00"),
                    PaymentStatus.CONFIRMED, PaymentStatus.FAILED, "declined late", T0.plusSeconds(4))),
            payment(WITHDRAWAL.value(), 2, new PaymentFailedEvent(WITHDRAWAL, PAYER, PaymentDirection.WITHDRAWAL, Cash.parse("3.00"), "DECLINED", T0.plusSeconds(6))));

    @Test
    void payments() {
        assertBatchesEndAsOneByOne(PaymentProjector::new, PAYMENT_HISTORY, PAYMENT_BATCH);
    }
}
