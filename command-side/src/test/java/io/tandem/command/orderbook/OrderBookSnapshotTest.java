package io.tandem.command.orderbook;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.orderbook.CancelOrderCommand;
import io.tandem.contracts.orderbook.CancelReason;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.orderbook.ListInstrumentCommand;
import io.tandem.contracts.orderbook.OrderCancelledEvent;
import io.tandem.contracts.orderbook.OrderFilledEvent;
import io.tandem.contracts.orderbook.OrderType;
import io.tandem.contracts.orderbook.PlaceOrderCommand;
import io.tandem.contracts.orderbook.TimeInForce;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicReference;

import static io.tandem.command.orderbook.OrderBookTestData.T0;
import static io.tandem.command.orderbook.OrderBookTestData.T1;
import static io.tandem.command.orderbook.OrderBookTestData.placed;
import static io.tandem.contracts.common.Side.BUY;
import static io.tandem.contracts.common.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Order-book snapshots go through Axon's {@link JacksonSerializer} on an object mapper configured
 * as Spring Boot configures it. A restored book must be the same book: same queues, same running
 * charges (which decide the cents of the next trade of a partly filled order), same trade counter.
 */
class OrderBookSnapshotTest {

    private static final Symbol FRAC = Symbol.of("FRAC");
    /** 0.0001-share lots at cent ticks: ticks x lots / 10000 is the exact notional in cents. */
    private static final InstrumentSpec SPEC = new InstrumentSpec(FRAC, "Fractional", new BigDecimal("0.01"),
            new BigDecimal("0.0001"), new BigDecimal("0.001"), new BigDecimal("0.002"), Quantity.ofLots(1_000_000),
            Cash.parse("100000.00"), new BigDecimal("0.10"), Cash.ofCents(1));

    private final JacksonSerializer serializer = StoreSerializer.create();

    private static PlaceOrderCommand order(String id, String account, Side side,
                                           long price, long lots, TimeInForce tif) {
        return new PlaceOrderCommand(FRAC, OrderId.of(id), AccountId.of(account), side, OrderType.LIMIT,
                Price.ofTicks(price), Quantity.ofLots(lots), tif, T1, UserId.of(account));
    }

    private static PlaceOrderCommand order(String id, String account, String owner, Side side,
                                           long price, long lots, TimeInForce tif) {
        return new PlaceOrderCommand(FRAC, OrderId.of(id), AccountId.of(account), side, OrderType.LIMIT,
                Price.ofTicks(price), Quantity.ofLots(lots), tif, T1, UserId.of(owner));
    }

    private OrderBook bookWithRestingOrdersAndAPartlyFilledMaker() {
        AtomicReference<OrderBook> book = new AtomicReference<>();
        PlaceOrderCommand b3 = order("b3", "dave", BUY, 48, 300, TimeInForce.GTC);
        new AggregateTestFixture<>(OrderBook.class)
                .givenCommands(new ListInstrumentCommand(FRAC, SPEC, AccountId.of("issuer"), Quantity.ofLots(1_000_000), T0),
                        order("s1", "bob", SELL, 50, 10_000, TimeInForce.GTC),
                        // at its limit 150 lots are 1.05 cents (the minimum is a cent); at s1's price, 0.75
                        order("b1", "alice", BUY, 70, 150, TimeInForce.IOC),
                        order("b2", "carol", BUY, 49, 300, TimeInForce.GTC),
                        b3,
                        order("s3", "erin", SELL, 52, 400, TimeInForce.GTC))
                .when(new CancelOrderCommand(FRAC, b3.orderId(), T1))
                .expectState(book::set);
        return book.get();
    }

    private OrderBook roundTrip(OrderBook book) {
        SerializedObject<String> json = serializer.serialize(book, String.class);
        return serializer.deserialize(json);
    }

    @Test
    void aRestoredBookSerializesExactlyLikeTheOriginal() {
        OrderBook original = bookWithRestingOrdersAndAPartlyFilledMaker();

        OrderBook restored = roundTrip(original);

        assertThat(serializer.serialize(restored, String.class).getData())
                .isEqualTo(serializer.serialize(original, String.class).getData());
        assertThat(restored.book()).isEqualTo(original.book());
        assertThat(restored.book().engine().orders(BUY)).extracting(BookOrder::orderId).containsExactly("b2");
        assertThat(restored.book().openOrder("s1")).get().extracting(BookOrder::filled).isEqualTo(150L);
        assertThat(restored.book().charges("s1").exactNotional()).isEqualByComparingTo("0.75");
        assertThat(restored.book().isClosed("b3")).isTrue();
        assertThat(restored.book().lastPrice()).contains(Price.ofTicks(50));
    }

    @Test
    void aRestoredBookStillKnowsWhoOwnsItsRestingOrders() {
        OrderBook restored = roundTrip(bookWithRestingOrdersAndAPartlyFilledMaker());
        PlaceOrderCommand ownBuy = order("b5", "bob-second-account", "bob", BUY, 50, 10_000, TimeInForce.GTC);

        new AggregateTestFixture<>(OrderBook.class)
                .givenState(() -> restored)
                .when(ownBuy)
                .expectEvents(placed(ownBuy),
                        new OrderCancelledEvent(FRAC, ownBuy.orderId(), ownBuy.accountId(), BUY, Quantity.ZERO,
                                Quantity.ofLots(10_000), CancelReason.SELF_TRADE_PREVENTED, T1));
    }

    @Test
    void aRestoredBookTradesOnWithItsRunningChargesAndTradeCounter() {
        OrderBook restored = roundTrip(bookWithRestingOrdersAndAPartlyFilledMaker());
        PlaceOrderCommand b4 = order("b4", "frank", BUY, 200, 50, TimeInForce.GTC);

        // s1 has 0.75 cents of notional unbilled; 0.25 more makes its first whole cent (and its fee).
        new AggregateTestFixture<>(OrderBook.class)
                .givenState(() -> restored)
                .when(b4)
                .expectEvents(placed(b4),
                        new TradeExecutedEvent(FRAC, TradeId.of("FRAC-2"), Price.ofTicks(50), Quantity.ofLots(50), BUY,
                                OrderId.of("s1"), b4.orderId(), b4.accountId(), b4.orderId(), AccountId.of("bob"),
                                OrderId.of("s1"), Cash.ofCents(1), Cash.ofCents(1), Cash.ofCents(1), Cash.ofCents(1),
                                true, false, T1),
                        new OrderFilledEvent(FRAC, b4.orderId(), b4.accountId(), BUY, Quantity.ofLots(50), T1));
    }
}
