package io.tandem.command.orderentry;

import io.tandem.command.orderentry.OrderEntry.Caller;
import io.tandem.command.orderentry.OrderEntry.PlaceOrder;
import io.tandem.contracts.account.AdjustCashCommand;
import io.tandem.contracts.account.CashReservedEvent;
import io.tandem.contracts.account.OpenAccountCommand;
import io.tandem.contracts.account.PositionReservedEvent;
import io.tandem.contracts.common.*;
import io.tandem.contracts.orderbook.*;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Order entry against real accounts, a real event store and the catalog's subscribing processor on
 * H2; only the book is a stand-in. Each test uses its own symbol and accounts.
 */
@OrderEntrySpringTest
class OrderEntryIntegrationTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Instant NOW = Instant.parse("2025-01-01T10:00:00Z");
    private static final UserId ALICE = UserId.of("alice");
    private static final UserId MALLORY = UserId.of("mallory");

    @Autowired
    private OrderEntry orderEntry;
    @Autowired
    private InstrumentListing listing;
    @Autowired
    private InstrumentCatalog catalog;
    @Autowired
    private CommandGateway commandGateway;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private TransactionTemplate transaction;
    @Autowired
    private FakeOrderBook book;
    @Autowired
    private OrderEntryRecordRepository records;

    private Symbol symbol;
    private InstrumentSpec spec;
    private AccountId issuer;
    private AccountId alice;

    @BeforeEach
    void listAnInstrument() {
        int n = SEQUENCE.incrementAndGet();
        symbol = Symbol.of("SYM" + n);
        spec = new InstrumentSpec(symbol, "Instrument " + n, new BigDecimal("0.01"), new BigDecimal("0.0001"),
                new BigDecimal("0.001"), new BigDecimal("0.002"), Quantity.ofLots(1_000_000_000L), Cash.ofCents(100_000_000_00L),
                new BigDecimal("0.10"), Cash.ofCents(1));
        issuer = open("issuer-" + n, UserId.of("issuer"));
        alice = open("alice-" + n, ALICE);
        commandGateway.sendAndWait(new AdjustCashCommand(alice, AdjustmentId.of("deposit-" + n), Cash.ofCents(100_000), "deposit", UserId.of("admin")));
        listing.list(spec, issuer, Quantity.ofLots(1_000_000), NOW);
    }

    private AccountId open(String id, UserId owner) {
        AccountId account = AccountId.of(id);
        commandGateway.sendAndWait(new OpenAccountCommand(account, owner, AccountType.TRADING));
        return account;
    }

    private PlaceOrder limitBuy(String clientOrderId, UserId user, String price, String quantity) {
        return new PlaceOrder(new Caller(user, false), alice, clientOrderId, symbol, Side.BUY, OrderType.LIMIT, price, quantity,
                TimeInForce.GTC, NOW);
    }

    private List<Object> eventsOf(AccountId account) {
        return transaction.execute(status -> eventStore.readEvents(account.value()).asStream().<Object>map(EventMessage::getPayload).toList());
    }

    private static TandemException refusal(Throwable thrown) {
        return (TandemException) thrown;
    }

    @Test
    void aListedInstrumentIsInTheCatalogExactlyAsListed() {
        assertThat(catalog.find(symbol)).contains(spec);
        assertThat(orderEntry.instrument(symbol)).contains(spec);
    }

    @Test
    void listingASymbolTwiceIsRefused() {
        assertThatThrownBy(() -> listing.list(spec, issuer, Quantity.ofLots(1), NOW))
                .satisfies(e -> assertThat(refusal(e).code()).isEqualTo(ErrorCode.INSTRUMENT_ALREADY_LISTED));
    }

    @Test
    void listingForAnUnknownIssuerIsRefusedAndLeavesNoCatalogEntry() {
        InstrumentSpec other = new InstrumentSpec(Symbol.of(symbol.value() + "X"), "Other", BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ZERO, BigDecimal.ZERO, Quantity.ofLots(10), Cash.ofCents(1_000), new BigDecimal("0.1"));

        assertThatThrownBy(() -> listing.list(other, AccountId.of("nobody"), Quantity.ofLots(5), NOW))
                .satisfies(e -> assertThat(refusal(e).code()).isEqualTo(ErrorCode.ACCOUNT_NOT_FOUND));
        assertThat(catalog.find(other.symbol())).isEmpty();
    }

    @Test
    void aLimitBuyReservesPriceTimesQuantityPlusTheMaximumFee() {
        OrderResult result = orderEntry.place(limitBuy("c1", ALICE, "10.00", "5"));

        assertThat(result.status()).isEqualTo(OrderStatus.NEW);
        assertThat(eventsOf(alice)).contains(new CashReservedEvent(alice, result.orderId(), symbol, Cash.ofCents(5_010)));
    }

    @Test
    void anOrderOnSomeoneElsesAccountIsRefusedAsOnAnUnknownOneAndLeavesNothingBehind() {
        AccountId unknown = AccountId.of("no-such-account");
        TandemException unknownRefusal = refusal(catchThrowable(() -> orderEntry.place(new PlaceOrder(new Caller(MALLORY, false),
                unknown, "c1", symbol, Side.BUY, OrderType.LIMIT, "10.00", "5", TimeInForce.GTC, NOW))));

        assertThatThrownBy(() -> orderEntry.place(limitBuy("c1", MALLORY, "10.00", "5")))
                .satisfies(e -> {
                    assertThat(refusal(e).code()).isEqualTo(ErrorCode.ACCOUNT_NOT_FOUND).isEqualTo(unknownRefusal.code());
                    assertThat(refusal(e).getMessage())
                            .isEqualTo(unknownRefusal.getMessage().replace(unknown.toString(), alice.toString()));
                });

        assertThat(orderEntry.place(limitBuy("c1", ALICE, "10.00", "5")).status()).isEqualTo(OrderStatus.NEW);
    }

    @Test
    void aBuyBeyondAvailableCashIsRefusedAndItsClientOrderIdStaysFree() {
        assertThatThrownBy(() -> orderEntry.place(limitBuy("c1", ALICE, "1000.00", "5")))
                .satisfies(e -> assertThat(refusal(e).code()).isEqualTo(ErrorCode.INSUFFICIENT_FUNDS));

        assertThat(orderEntry.place(limitBuy("c1", ALICE, "10.00", "5")).status()).isEqualTo(OrderStatus.NEW);
    }

    @Test
    void aRefusalByTheBookRollsBackTheReservation() {
        assertThatThrownBy(() -> orderEntry.place(limitBuy("c1", ALICE, "10.00", "0.0013")))
                .satisfies(e -> assertThat(refusal(e).code()).isEqualTo(ErrorCode.ORDER_SIZE_LIMIT));

        assertThat(eventsOf(alice)).noneMatch(CashReservedEvent.class::isInstance);
    }

    @Test
    void anOrderForAnUnknownAccountIsRefused() {
        PlaceOrder request = new PlaceOrder(new Caller(ALICE, false), AccountId.of("no-such-account"), "c1", symbol, Side.BUY,
                OrderType.LIMIT, "10.00", "5", TimeInForce.GTC, NOW);

        assertThatThrownBy(() -> orderEntry.place(request))
                .satisfies(e -> assertThat(refusal(e).code()).isEqualTo(ErrorCode.ACCOUNT_NOT_FOUND));
    }

    @Test
    void anOrderForAnUnknownInstrumentIsRefused() {
        PlaceOrder request = new PlaceOrder(new Caller(ALICE, false), alice, "c1", Symbol.of("NOPE"), Side.BUY,
                OrderType.LIMIT, "10.00", "5", TimeInForce.GTC, NOW);

        assertThatThrownBy(() -> orderEntry.place(request))
                .satisfies(e -> assertThat(refusal(e).code()).isEqualTo(ErrorCode.UNKNOWN_INSTRUMENT));
    }

    @Test
    void aPriceOffTheTickIsRefused() {
        assertThatThrownBy(() -> orderEntry.place(limitBuy("c1", ALICE, "10.005", "5")))
                .satisfies(e -> assertThat(refusal(e).code()).isEqualTo(ErrorCode.INVALID_TICK));
    }

    @Test
    void aMarketOrderBeforeTheFirstTradeIsRefused() {
        PlaceOrder request = new PlaceOrder(new Caller(ALICE, false), alice, "m1", symbol, Side.BUY, OrderType.MARKET,
                null, "5", TimeInForce.IOC, NOW);

        assertThatThrownBy(() -> orderEntry.place(request))
                .satisfies(e -> assertThat(refusal(e).code()).isEqualTo(ErrorCode.NO_REFERENCE_PRICE));
    }

    @Test
    void aMarketBuyReservesAtTheCollarAboveTheLastPrice() {
        publishTradeAt(Price.ofTicks(1_000));
        PlaceOrder request = new PlaceOrder(new Caller(ALICE, false), alice, "m1", symbol, Side.BUY, OrderType.MARKET,
                null, "5", TimeInForce.IOC, NOW);

        OrderResult result = orderEntry.place(request);

        assertThat(catalog.lastPrice(symbol)).contains(Price.ofTicks(1_000));
        assertThat(eventsOf(alice)).contains(new CashReservedEvent(alice, result.orderId(), symbol,
                spec.buyReservation(Price.ofTicks(1_100), Quantity.ofLots(50_000))));
    }

    @Test
    void anOrderBelowTheMinimumNotionalIsRefusedBeforeAnythingIsWritten() {
        // 0.0001 share at 10.00 is a tenth of a cent; this instrument's minimum is a cent.
        assertThatThrownBy(() -> orderEntry.place(limitBuy("tiny", ALICE, "10.00", "0.0001")))
                .satisfies(e -> assertThat(refusal(e).code()).isEqualTo(ErrorCode.ORDER_NOTIONAL_TOO_SMALL));

        assertThat(eventsOf(alice)).noneMatch(CashReservedEvent.class::isInstance);
        assertThat(records.findByAccountIdAndClientOrderId(alice.value(), "tiny")).isEmpty();
        assertThat(orderEntry.place(limitBuy("tiny", ALICE, "10.00", "0.001")).status()).isEqualTo(OrderStatus.NEW);
    }

    @Test
    void aMarketOrderIsCheckedAgainstTheMinimumAtItsProtectionPrice() {
        publishTradeAt(Price.ofTicks(1_000));
        // 0.0001 share at the sell collar 9.00 is 0.09 cents.
        PlaceOrder request = new PlaceOrder(new Caller(UserId.of("issuer"), false), issuer, "m-tiny", symbol, Side.SELL,
                OrderType.MARKET, null, "0.0001", TimeInForce.IOC, NOW);

        assertThatThrownBy(() -> orderEntry.place(request))
                .satisfies(e -> assertThat(refusal(e).code()).isEqualTo(ErrorCode.ORDER_NOTIONAL_TOO_SMALL));
        assertThat(eventsOf(issuer)).noneMatch(PositionReservedEvent.class::isInstance);
    }

    @Test
    void anAmendmentBelowTheMinimumNotionalIsRefusedBeforeAnythingIsReserved() {
        OrderResult placed = orderEntry.place(limitBuy("c1", ALICE, "10.00", "0.01"));

        assertThatThrownBy(() -> orderEntry.amend(new Caller(ALICE, false), placed.orderId(), null, "0.0001", NOW))
                .satisfies(e -> assertThat(refusal(e).code()).isEqualTo(ErrorCode.ORDER_NOTIONAL_TOO_SMALL));
        assertThat(records.findByAccountIdAndClientOrderId(alice.value(), "c1")).get()
                .extracting(OrderEntryRecord::quantity).isEqualTo(Quantity.ofLots(100));
    }

    @Test
    void theOrderReachesItsBookWithTheCallerAsTheOwningUser() {
        OrderResult placed = orderEntry.place(limitBuy("c1", ALICE, "10.00", "5"));

        assertThat(book.received(placed.orderId()).owner()).isEqualTo(ALICE);
    }

    @Test
    void aCancelThatLosesARaceOnTheBookIsRunAgain() {
        OrderResult placed = orderEntry.place(limitBuy("c1", ALICE, "10.00", "0.0017"));

        OrderResult cancelled = orderEntry.cancel(new Caller(ALICE, false), placed.orderId(), NOW);

        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(book.cancelAttempts(placed.orderId())).isEqualTo(2);
    }

    @Test
    void aSellReservesItsQuantity() {
        PlaceOrder request = new PlaceOrder(new Caller(UserId.of("issuer"), false), issuer, "s1", symbol, Side.SELL,
                OrderType.LIMIT, "10.00", "2.5", TimeInForce.GTC, NOW);

        OrderResult result = orderEntry.place(request);

        assertThat(eventsOf(issuer)).contains(new PositionReservedEvent(issuer, result.orderId(), symbol, Quantity.ofLots(25_000)));
    }

    @Test
    void onlyTheOwnerOrAnAdminMayCancelAndToAnyoneElseTheOrderDoesNotExist() {
        OrderResult placed = orderEntry.place(limitBuy("c1", ALICE, "10.00", "5"));
        OrderId unknown = OrderId.of("no-such-order");
        TandemException unknownRefusal = refusal(catchThrowable(() -> orderEntry.cancel(new Caller(MALLORY, false), unknown, NOW)));

        assertThatThrownBy(() -> orderEntry.cancel(new Caller(MALLORY, false), placed.orderId(), NOW))
                .satisfies(e -> {
                    assertThat(refusal(e).code()).isEqualTo(ErrorCode.ORDER_NOT_FOUND).isEqualTo(unknownRefusal.code());
                    assertThat(refusal(e).getMessage())
                            .isEqualTo(unknownRefusal.getMessage().replace(unknown.toString(), placed.orderId().toString()));
                });
        assertThat(orderEntry.cancel(new Caller(MALLORY, true), placed.orderId(), NOW).status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void aCancelledOrderCannotBeCancelledAgain() {
        OrderResult placed = orderEntry.place(limitBuy("c1", ALICE, "10.00", "5"));
        orderEntry.cancel(new Caller(ALICE, false), placed.orderId(), NOW);

        assertThatThrownBy(() -> orderEntry.cancel(new Caller(ALICE, false), placed.orderId(), NOW))
                .satisfies(e -> assertThat(refusal(e).code()).isEqualTo(ErrorCode.ORDER_NOT_OPEN));
    }

    @Test
    void cancellingAnUnknownOrderIsRefused() {
        assertThatThrownBy(() -> orderEntry.cancel(new Caller(ALICE, false), OrderId.of("nope"), NOW))
                .satisfies(e -> assertThat(refusal(e).code()).isEqualTo(ErrorCode.ORDER_NOT_FOUND));
    }

    @Test
    void amendingABuyToAHigherPriceReservesOnlyTheDifferenceForTheOpenQuantity() {
        OrderResult placed = orderEntry.place(limitBuy("c1", ALICE, "9.00", "100"));

        orderEntry.amend(new Caller(ALICE, false), placed.orderId(), "9.10", null, NOW);

        // 910.00 + 1.82 fee at 9.10 against 900.00 + 1.80 at 9.00, plus the two rounding cents
        assertThat(eventsOf(alice)).filteredOn(CashReservedEvent.class::isInstance).containsExactly(
                new CashReservedEvent(alice, placed.orderId(), symbol, Cash.ofCents(90_180)),
                new CashReservedEvent(alice, placed.orderId(), symbol, Cash.ofCents(1_004)));
    }

    @Test
    void anAmendmentBeyondAvailableCashIsRefused() {
        OrderResult placed = orderEntry.place(limitBuy("c1", ALICE, "10.00", "5"));

        assertThatThrownBy(() -> orderEntry.amend(new Caller(ALICE, false), placed.orderId(), null, "500", NOW))
                .satisfies(e -> assertThat(refusal(e).code()).isEqualTo(ErrorCode.INSUFFICIENT_FUNDS));
    }

    private void publishTradeAt(Price price) {
        AccountId other = AccountId.of("other");
        TradeExecutedEvent trade = new TradeExecutedEvent(symbol, TradeId.of(symbol + "-1"), price, Quantity.ofLots(1),
                Side.BUY, OrderId.of("m"), OrderId.of("t"), other, OrderId.of("t"), issuer, OrderId.of("m"),
                Cash.ofCents(1), Cash.ZERO, Cash.ofCents(1), Cash.ZERO, true, true, NOW);
        transaction.executeWithoutResult(status -> eventStore.publish(GenericEventMessage.asEventMessage(trade)));
    }
}
