package io.tandem.command.orderentry;

import io.tandem.command.orderentry.OrderEntry.Caller;
import io.tandem.command.orderentry.OrderEntry.PlaceOrder;
import io.tandem.contracts.account.AdjustCashCommand;
import io.tandem.contracts.account.CashReservedEvent;
import io.tandem.contracts.account.OpenAccountCommand;
import io.tandem.contracts.common.*;
import io.tandem.contracts.orderbook.*;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client order id as an idempotency key per account: the same request again gets the original
 * result and places nothing; another request under a used id is a conflict. Real accounts and
 * event store on H2, a stand-in book; each test uses its own symbol and accounts.
 */
@OrderEntrySpringTest
class OrderEntryClientOrderIdTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Instant NOW = Instant.parse("2025-01-01T10:00:00Z");
    private static final UserId ALICE = UserId.of("alice");
    private static final UserId MALLORY = UserId.of("mallory");

    @Autowired
    private OrderEntry orderEntry;
    @Autowired
    private InstrumentListing listing;
    @Autowired
    private CommandGateway commandGateway;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private TransactionTemplate transaction;
    @Autowired
    private JdbcTemplate jdbc;

    private Symbol symbol;
    private AccountId issuer;
    private AccountId alice;

    @BeforeEach
    void listAnInstrument() {
        int n = SEQUENCE.incrementAndGet();
        symbol = Symbol.of("CID" + n);
        InstrumentSpec spec = new InstrumentSpec(symbol, "Instrument " + n, new BigDecimal("0.01"), new BigDecimal("0.0001"),
                new BigDecimal("0.001"), new BigDecimal("0.002"), Quantity.ofLots(1_000_000_000L), Cash.ofCents(100_000_000_00L),
                new BigDecimal("0.10"));
        issuer = open("cid-issuer-" + n, UserId.of("issuer"));
        alice = open("cid-alice-" + n, ALICE);
        commandGateway.sendAndWait(new AdjustCashCommand(alice, AdjustmentId.of("deposit-" + n), Cash.ofCents(100_000), "deposit", UserId.of("admin")));
        listing.list(spec, issuer, Quantity.ofLots(1_000_000), NOW);
    }

    private AccountId open(String id, UserId owner) {
        AccountId account = AccountId.of(id);
        commandGateway.sendAndWait(new OpenAccountCommand(account, owner, AccountType.TRADING));
        return account;
    }

    private PlaceOrder request(UserId user, Side side, OrderType type, Symbol on, String price, String quantity, TimeInForce timeInForce) {
        return new PlaceOrder(new Caller(user, false), alice, "c1", on, side, type, price, quantity, timeInForce, NOW);
    }

    private PlaceOrder limitBuy(String price, String quantity) {
        return request(ALICE, Side.BUY, OrderType.LIMIT, symbol, price, quantity, TimeInForce.GTC);
    }

    private List<Object> reservationsOf(AccountId account) {
        return transaction.execute(status -> eventStore.readEvents(account.value()).asStream().<Object>map(EventMessage::getPayload)
                .filter(CashReservedEvent.class::isInstance).toList());
    }

    private static ErrorCode code(Throwable thrown) {
        return ((TandemException) thrown).code();
    }

    @Test
    void aRetriedRequestReturnsTheOriginalResultAndReservesOnce() {
        OrderResult first = orderEntry.place(limitBuy("10.00", "5"));

        OrderResult retried = orderEntry.place(limitBuy("10.00", "5"));

        assertThat(retried).isEqualTo(first);
        assertThat(reservationsOf(alice)).hasSize(1);
    }

    @Test
    void aRetriedRequestOfAnotherUserIsRefused() {
        orderEntry.place(limitBuy("10.00", "5"));

        assertThatThrownBy(() -> orderEntry.place(request(MALLORY, Side.BUY, OrderType.LIMIT, symbol, "10.00", "5", TimeInForce.GTC)))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.ACCOUNT_NOT_FOUND));
    }

    @Test
    void aRetryWithThePriceAndQuantityWrittenDifferentlyIsTheSameRequest() {
        OrderResult first = orderEntry.place(limitBuy("10.00", "5"));

        assertThat(orderEntry.place(limitBuy("10.0", "5.0000"))).isEqualTo(first);
    }

    @Test
    void aRetryAfterTheOrderWasAmendedStillGetsTheOriginalResult() {
        OrderResult first = orderEntry.place(limitBuy("10.00", "5"));
        orderEntry.amend(new Caller(ALICE, false), first.orderId(), "11.00", "6", NOW);

        assertThat(orderEntry.place(limitBuy("10.00", "5"))).isEqualTo(first);
    }

    @Test
    void aRetriedMarketOrderGetsTheOriginalResultThoughItWasPlacedAtItsProtectionPrice() {
        publishTradeAt(Price.ofTicks(1_000));
        PlaceOrder market = request(ALICE, Side.BUY, OrderType.MARKET, symbol, null, "5", TimeInForce.IOC);
        OrderResult first = orderEntry.place(market);

        assertThat(orderEntry.place(market)).isEqualTo(first);
    }

    @Test
    void aRetryOfAnOrderPlacedBeforeItsRequestedTermsWereRecordedGetsTheOriginalResult() {
        OrderResult first = orderEntry.place(limitBuy("10.00", "5"));
        jdbc.update("update order_entry set requested_price_ticks = null, requested_quantity_lots = null, time_in_force = null"
                + " where order_id = ?", first.orderId().value());

        assertThat(orderEntry.place(limitBuy("10.00", "5"))).isEqualTo(first);
    }

    @ParameterizedTest(name = "another {0}")
    @ValueSource(strings = {"side", "type", "symbol", "price", "quantity", "time in force", "price, off the tick"})
    void anotherRequestUnderAUsedClientOrderIdIsAConflictAndReservesNothingMore(String difference) {
        orderEntry.place(limitBuy("10.00", "5"));
        PlaceOrder other = switch (difference) {
            case "side" -> request(ALICE, Side.SELL, OrderType.LIMIT, symbol, "10.00", "5", TimeInForce.GTC);
            case "type" -> request(ALICE, Side.BUY, OrderType.MARKET, symbol, null, "5", TimeInForce.GTC);
            case "symbol" -> request(ALICE, Side.BUY, OrderType.LIMIT, Symbol.of("OTHER"), "10.00", "5", TimeInForce.GTC);
            case "price" -> limitBuy("10.01", "5");
            case "quantity" -> limitBuy("10.00", "6");
            case "time in force" -> request(ALICE, Side.BUY, OrderType.LIMIT, symbol, "10.00", "5", TimeInForce.IOC);
            case "price, off the tick" -> limitBuy("10.005", "5");
            default -> throw new IllegalArgumentException(difference);
        };

        assertThatThrownBy(() -> orderEntry.place(other)).satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.ORDER_CONFLICT));
        assertThat(reservationsOf(alice)).hasSize(1);
    }

    private void publishTradeAt(Price price) {
        AccountId other = AccountId.of("other");
        TradeExecutedEvent trade = new TradeExecutedEvent(symbol, TradeId.of(symbol + "-1"), price, Quantity.ofLots(1),
                Side.BUY, OrderId.of("m"), OrderId.of("t"), other, OrderId.of("t"), issuer, OrderId.of("m"),
                Cash.ofCents(1), Cash.ZERO, Cash.ofCents(1), Cash.ZERO, true, true, NOW);
        transaction.executeWithoutResult(status -> eventStore.publish(GenericEventMessage.asEventMessage(trade)));
    }
}
