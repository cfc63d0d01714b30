package io.tandem.command.orderbook;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.orderbook.AmendOrderCommand;
import io.tandem.contracts.orderbook.CancelOrderCommand;
import io.tandem.contracts.orderbook.CancelReason;
import io.tandem.contracts.orderbook.Fill;
import io.tandem.contracts.orderbook.OrderAmendedEvent;
import io.tandem.contracts.orderbook.OrderCancelledEvent;
import io.tandem.contracts.orderbook.OrderFilledEvent;
import io.tandem.contracts.orderbook.OrderResult;
import io.tandem.contracts.orderbook.OrderStatus;
import io.tandem.contracts.orderbook.PlaceOrderCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tandem.command.orderbook.OrderBookTestData.*;
import static io.tandem.contracts.common.Side.BUY;
import static io.tandem.contracts.common.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

class OrderBookCancelAmendTest {

    private static final PlaceOrderCommand B1 = gtc("b1", "alice", BUY, 1000, 5);
    private static final PlaceOrderCommand B2 = gtc("b2", "bob", BUY, 1000, 5);

    private AggregateTestFixture<OrderBook> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OrderBook.class);
    }

    @Test
    void cancellingAnOpenOrderRemovesItWithItsUnfilledQuantity() {
        fixture.given(listed(), placed(B1))
                .when(new CancelOrderCommand(ACME, B1.orderId(), T1))
                .expectEvents(new OrderCancelledEvent(ACME, B1.orderId(), B1.accountId(), BUY, Quantity.ZERO,
                        Quantity.ofLots(5), CancelReason.USER_REQUESTED, T1))
                .expectResultMessagePayload(new OrderResult(B1.orderId(), B1.accountId(), ACME, BUY,
                        OrderStatus.CANCELLED, Quantity.ofLots(5), Quantity.ZERO, CancelReason.USER_REQUESTED, List.of()))
                .expectState(book -> assertThat(book.book().bestBid()).isEmpty());
    }

    @Test
    void cancellingAClosedOrderIsRefusedAsNotOpen() {
        fixture.given(listed(), placed(B1), new OrderCancelledEvent(ACME, B1.orderId(), B1.accountId(), BUY,
                        Quantity.ZERO, Quantity.ofLots(5), CancelReason.USER_REQUESTED, T1))
                .when(new CancelOrderCommand(ACME, B1.orderId(), T1))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.ORDER_NOT_OPEN));
    }

    @Test
    void cancellingAnUnknownOrderIsRefusedAsNotFound() {
        fixture.given(listed())
                .when(new CancelOrderCommand(ACME, OrderId.of("nope"), T1))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.ORDER_NOT_FOUND));
    }

    @Test
    void reducingTheQuantityKeepsTimePriority() {
        fixture.given(listed(), placed(B1), placed(B2))
                .when(new AmendOrderCommand(ACME, B1.orderId(), null, Quantity.ofLots(3), T1))
                .expectEvents(new OrderAmendedEvent(ACME, B1.orderId(), B1.accountId(), Price.ofTicks(1000),
                        Quantity.ofLots(3), true, T1))
                .expectResultMessagePayload(new OrderResult(B1.orderId(), B1.accountId(), ACME, BUY, OrderStatus.NEW,
                        Quantity.ofLots(3), Quantity.ZERO, null, List.of()))
                .expectState(book -> assertThat(book.book().engine().orders(BUY))
                        .extracting(BookOrder::orderId).containsExactly("b1", "b2"));
    }

    @Test
    void increasingTheQuantityLosesTimePriority() {
        fixture.given(listed(), placed(B1), placed(B2))
                .when(new AmendOrderCommand(ACME, B1.orderId(), null, Quantity.ofLots(8), T1))
                .expectEvents(new OrderAmendedEvent(ACME, B1.orderId(), B1.accountId(), Price.ofTicks(1000),
                        Quantity.ofLots(8), false, T1))
                .expectState(book -> assertThat(book.book().engine().orders(BUY))
                        .extracting(BookOrder::orderId).containsExactly("b2", "b1"));
    }

    @Test
    void aPriceChangeThatCrossesTradesAtOnceAsTheTaker() {
        PlaceOrderCommand sell = gtc("s1", "carol", SELL, 1010, 2);
        fixture.given(listed(), placed(B1), placed(sell))
                .when(new AmendOrderCommand(ACME, B1.orderId(), Price.ofTicks(1010), null, T1))
                .expectEvents(new OrderAmendedEvent(ACME, B1.orderId(), B1.accountId(), Price.ofTicks(1010),
                                Quantity.ofLots(5), false, T1),
                        trade(1, 1010, 2, "s1", "carol", "b1", "alice", BUY, false, true),
                        new OrderFilledEvent(ACME, sell.orderId(), sell.accountId(), SELL, Quantity.ofLots(2), T1))
                .expectResultMessagePayload(new OrderResult(B1.orderId(), B1.accountId(), ACME, BUY,
                        OrderStatus.PARTIALLY_FILLED, Quantity.ofLots(5), Quantity.ofLots(2), null,
                        List.of(new Fill(TradeId.of("ACME-1"), Price.ofTicks(1010), Quantity.ofLots(2)))))
                .expectState(book -> assertThat(book.book().openOrder("b1")).get()
                        .extracting(BookOrder::price, BookOrder::filled).containsExactly(1010L, 2L));
    }

    @Test
    void anAmendedQuantityMustExceedTheFilledQuantity() {
        PlaceOrderCommand sell = gtc("s1", "carol", SELL, 1000, 2);
        fixture.given(listed(), placed(B1), placed(sell),
                        trade(1, 1000, 2, "b1", "alice", "s1", "carol", SELL, false, true),
                        new OrderFilledEvent(ACME, sell.orderId(), sell.accountId(), SELL, Quantity.ofLots(2), T1))
                .when(new AmendOrderCommand(ACME, B1.orderId(), null, Quantity.ofLots(2), T1))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.INVALID_AMENDMENT));
    }

    @Test
    void anAmendmentAboveTheQuantityLimitIsRefused() {
        fixture.given(listed(), placed(B1))
                .when(new AmendOrderCommand(ACME, B1.orderId(), null, Quantity.ofLots(1_001), T1))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.ORDER_SIZE_LIMIT));
    }

    @Test
    void anAmendmentThatTakesTheNotionalBelowTheMinimumIsRefused() {
        // b1 is 5 at 10.00; 5 at 0.19 would be 0.95, below the default minimum of 1.00.
        fixture.given(listed(), placed(B1))
                .when(new AmendOrderCommand(ACME, B1.orderId(), Price.ofTicks(19), null, T1))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.ORDER_NOTIONAL_TOO_SMALL));
    }

    @Test
    void aReductionThatTakesTheNotionalBelowTheMinimumIsRefused() {
        PlaceOrderCommand small = gtc("b2", "alice", BUY, 50, 3);
        fixture.given(listed(), placed(small))
                .when(new AmendOrderCommand(ACME, small.orderId(), null, Quantity.ofLots(1), T1))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.ORDER_NOTIONAL_TOO_SMALL));
    }

    @Test
    void anAmendmentWithNothingToChangeIsRefused() {
        fixture.given(listed(), placed(B1))
                .when(new AmendOrderCommand(ACME, B1.orderId(), null, null, T1))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.INVALID_AMENDMENT));
    }

    @Test
    void amendingAFilledOrderIsRefusedAsNotOpen() {
        PlaceOrderCommand sell = gtc("s1", "carol", SELL, 1000, 5);
        fixture.given(listed(), placed(B1), placed(sell),
                        trade(1, 1000, 5, "b1", "alice", "s1", "carol", SELL, true, true),
                        new OrderFilledEvent(ACME, B1.orderId(), B1.accountId(), BUY, Quantity.ofLots(5), T1),
                        new OrderFilledEvent(ACME, sell.orderId(), sell.accountId(), SELL, Quantity.ofLots(5), T1))
                .when(new AmendOrderCommand(ACME, B1.orderId(), Price.ofTicks(990), null, T1))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.ORDER_NOT_OPEN));
    }

    @Test
    void makerFeesAreChargedAtTheMakerRateAndTakerFeesAtTheTakerRate() {
        PlaceOrderCommand sell = gtc("s1", "carol", SELL, 999, 7);
        fixture.given(listed(), placed(B1))
                .when(sell)
                .expectEvents(placed(sell),
                        trade(1, 1000, 5, "b1", "alice", "s1", "carol", SELL, true, false),
                        new OrderFilledEvent(ACME, B1.orderId(), B1.accountId(), BUY, Quantity.ofLots(5), T1))
                .expectState(book -> {
                    OrderCharges seller = book.book().charges("s1");
                    assertThat(seller.exactNotional()).isEqualByComparingTo("5000");
                    assertThat(seller.exactFee()).isEqualByComparingTo("10");
                    assertThat(seller.notionalBilled()).isEqualTo(5000);
                    assertThat(seller.feeBilled()).isEqualTo(10);
                });
    }
}
