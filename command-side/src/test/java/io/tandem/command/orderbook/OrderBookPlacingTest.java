package io.tandem.command.orderbook;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.orderbook.CancelReason;
import io.tandem.contracts.orderbook.Fill;
import io.tandem.contracts.orderbook.ListInstrumentCommand;
import io.tandem.contracts.orderbook.OrderCancelledEvent;
import io.tandem.contracts.orderbook.OrderFilledEvent;
import io.tandem.contracts.orderbook.OrderResult;
import io.tandem.contracts.orderbook.OrderStatus;
import io.tandem.contracts.orderbook.OrderType;
import io.tandem.contracts.orderbook.PlaceOrderCommand;
import io.tandem.contracts.orderbook.TimeInForce;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tandem.command.orderbook.OrderBookTestData.*;
import static io.tandem.contracts.common.Side.BUY;
import static io.tandem.contracts.common.Side.SELL;
import static org.assertj.core.api.Assertions.assertThat;

class OrderBookPlacingTest {

    private AggregateTestFixture<OrderBook> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OrderBook.class);
    }

    @Test
    void listingAnInstrumentOpensItsBook() {
        fixture.givenNoPriorActivity()
                .when(list())
                .expectEvents(listed());
    }

    @Test
    void listingRefusesASpecOfAnotherSymbol() {
        fixture.givenNoPriorActivity()
                .when(new ListInstrumentCommand(Symbol.of("OTHER"), SPEC, ISSUER, Quantity.ofLots(10), T0))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.INVALID_INSTRUMENT));
    }

    @Test
    void aLimitOrderThatDoesNotCrossRests() {
        PlaceOrderCommand buy = gtc("b1", "alice", BUY, 1000, 5);
        fixture.given(listed())
                .when(buy)
                .expectEvents(placed(buy))
                .expectResultMessagePayload(new OrderResult(buy.orderId(), buy.accountId(), ACME, BUY, OrderStatus.NEW,
                        Quantity.ofLots(5), Quantity.ZERO, null, List.of()));
    }

    @Test
    void aCrossingOrderTradesAtTheMakersPriceAndRestsItsRemainder() {
        PlaceOrderCommand sell = gtc("s1", "bob", SELL, 1000, 10);
        PlaceOrderCommand buy = gtc("b1", "alice", BUY, 1005, 15);
        fixture.given(listed(), placed(sell))
                .when(buy)
                .expectEvents(placed(buy),
                        trade(1, 1000, 10, "s1", "bob", "b1", "alice", BUY, false, true),
                        new OrderFilledEvent(ACME, sell.orderId(), sell.accountId(), SELL, Quantity.ofLots(10), T1))
                .expectResultMessagePayload(new OrderResult(buy.orderId(), buy.accountId(), ACME, BUY,
                        OrderStatus.PARTIALLY_FILLED, Quantity.ofLots(15), Quantity.ofLots(10), null,
                        List.of(new Fill(TradeId.of("ACME-1"), Price.ofTicks(1000), Quantity.ofLots(10)))))
                .expectState(book -> {
                    assertThat(book.book().bestBid()).hasValue(1005);
                    assertThat(book.book().lastPrice()).contains(Price.ofTicks(1000));
                });
    }

    @Test
    void aTakerThatFillsCompletelyLeavesThePartlyFilledMakerAtTheHead() {
        PlaceOrderCommand sell = gtc("s1", "bob", SELL, 1000, 10);
        PlaceOrderCommand buy = gtc("b1", "alice", BUY, 1000, 4);
        fixture.given(listed(), placed(sell))
                .when(buy)
                .expectEvents(placed(buy),
                        trade(1, 1000, 4, "s1", "bob", "b1", "alice", BUY, true, false),
                        new OrderFilledEvent(ACME, buy.orderId(), buy.accountId(), BUY, Quantity.ofLots(4), T1))
                .expectState(book -> assertThat(book.book().openOrder("s1")).get()
                        .extracting(BookOrder::filled).isEqualTo(4L));
    }

    @Test
    void tradeIdsCountUpPerBookAcrossSweptLevels() {
        PlaceOrderCommand s1 = gtc("s1", "bob", SELL, 1000, 2);
        PlaceOrderCommand s2 = gtc("s2", "carol", SELL, 1001, 2);
        PlaceOrderCommand buy = gtc("b1", "alice", BUY, 1001, 4);
        fixture.given(listed(), placed(s1), placed(s2))
                .when(buy)
                .expectEvents(placed(buy),
                        trade(1, 1000, 2, "s1", "bob", "b1", "alice", BUY, false, true),
                        new OrderFilledEvent(ACME, s1.orderId(), s1.accountId(), SELL, Quantity.ofLots(2), T1),
                        trade(2, 1001, 2, "s2", "carol", "b1", "alice", BUY, true, true),
                        new OrderFilledEvent(ACME, s2.orderId(), s2.accountId(), SELL, Quantity.ofLots(2), T1),
                        new OrderFilledEvent(ACME, buy.orderId(), buy.accountId(), BUY, Quantity.ofLots(4), T1));
    }

    @Test
    void anIocOrderCancelsWhatDoesNotFillAtOnce() {
        PlaceOrderCommand sell = gtc("s1", "bob", SELL, 1000, 3);
        PlaceOrderCommand buy = limit("b1", "alice", BUY, 1000, 5, TimeInForce.IOC);
        fixture.given(listed(), placed(sell))
                .when(buy)
                .expectEvents(placed(buy),
                        trade(1, 1000, 3, "s1", "bob", "b1", "alice", BUY, false, true),
                        new OrderFilledEvent(ACME, sell.orderId(), sell.accountId(), SELL, Quantity.ofLots(3), T1),
                        new OrderCancelledEvent(ACME, buy.orderId(), buy.accountId(), BUY, Quantity.ofLots(3),
                                Quantity.ofLots(2), CancelReason.IMMEDIATE_REMAINDER, T1))
                .expectState(book -> assertThat(book.book().bestBid()).isEmpty());
    }

    @Test
    void aFokOrderThatCannotFillCompletelyIsKilledWithoutTrading() {
        PlaceOrderCommand sell = gtc("s1", "bob", SELL, 1000, 3);
        PlaceOrderCommand buy = limit("b1", "alice", BUY, 1000, 5, TimeInForce.FOK);
        fixture.given(listed(), placed(sell))
                .when(buy)
                .expectEvents(placed(buy),
                        new OrderCancelledEvent(ACME, buy.orderId(), buy.accountId(), BUY, Quantity.ZERO,
                                Quantity.ofLots(5), CancelReason.FILL_OR_KILL_UNFILLED, T1))
                .expectState(book -> assertThat(book.book().openOrder("s1")).get()
                        .extracting(BookOrder::filled).isEqualTo(0L));
    }

    @Test
    void aMarketOrderTradesOnlyWithinItsProtectionPriceAndNeverRests() {
        PlaceOrderCommand near = gtc("s1", "bob", SELL, 1000, 3);
        PlaceOrderCommand far = gtc("s2", "carol", SELL, 1200, 3);
        PlaceOrderCommand buy = market("m1", "alice", BUY, SPEC.marketBuyLimit(Price.ofTicks(1000)), 5);
        fixture.given(listed(), placed(near), placed(far))
                .when(buy)
                .expectEvents(placed(buy),
                        trade(1, 1000, 3, "s1", "bob", "m1", "alice", BUY, false, true),
                        new OrderFilledEvent(ACME, near.orderId(), near.accountId(), SELL, Quantity.ofLots(3), T1),
                        new OrderCancelledEvent(ACME, buy.orderId(), buy.accountId(), BUY, Quantity.ofLots(3),
                                Quantity.ofLots(2), CancelReason.IMMEDIATE_REMAINDER, T1))
                .expectState(book -> {
                    assertThat(book.book().bestBid()).isEmpty();
                    assertThat(book.book().bestAsk()).hasValue(1200);
                });
    }

    @Test
    void aMarketOrderWithoutProtectionPriceIsRefused() {
        fixture.given(listed())
                .when(market("m1", "alice", BUY, null, 5))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.NO_REFERENCE_PRICE));
    }

    @Test
    void selfTradePreventionCancelsTheIncomingRemainderAndKeepsEarlierFills() {
        PlaceOrderCommand other = gtc("s1", "bob", SELL, 1000, 2);
        PlaceOrderCommand own = gtc("s2", "alice", SELL, 1000, 2);
        PlaceOrderCommand buy = gtc("b1", "alice", BUY, 1000, 5);
        fixture.given(listed(), placed(other), placed(own))
                .when(buy)
                .expectEvents(placed(buy),
                        trade(1, 1000, 2, "s1", "bob", "b1", "alice", BUY, false, true),
                        new OrderFilledEvent(ACME, other.orderId(), other.accountId(), SELL, Quantity.ofLots(2), T1),
                        new OrderCancelledEvent(ACME, buy.orderId(), buy.accountId(), BUY, Quantity.ofLots(2),
                                Quantity.ofLots(3), CancelReason.SELF_TRADE_PREVENTED, T1))
                .expectResultMessagePayload(new OrderResult(buy.orderId(), buy.accountId(), ACME, BUY,
                        OrderStatus.CANCELLED, Quantity.ofLots(5), Quantity.ofLots(2), CancelReason.SELF_TRADE_PREVENTED,
                        List.of(new Fill(TradeId.of("ACME-1"), Price.ofTicks(1000), Quantity.ofLots(2)))))
                .expectState(book -> assertThat(book.book().openOrder("s2")).isPresent());
    }

    @Test
    void selfTradePreventionStopsTwoAccountsOfOneUserFromTradingWithEachOther() {
        PlaceOrderCommand own = limit("s1", "alice-savings", "alice", SELL, 1000, 3, TimeInForce.GTC);
        PlaceOrderCommand buy = limit("b1", "alice", "alice", BUY, 1000, 3, TimeInForce.GTC);
        fixture.given(listed(), placed(own))
                .when(buy)
                .expectEvents(placed(buy),
                        new OrderCancelledEvent(ACME, buy.orderId(), buy.accountId(), BUY, Quantity.ZERO,
                                Quantity.ofLots(3), CancelReason.SELF_TRADE_PREVENTED, T1))
                .expectResultMessagePayload(new OrderResult(buy.orderId(), buy.accountId(), ACME, BUY,
                        OrderStatus.CANCELLED, Quantity.ofLots(3), Quantity.ZERO, CancelReason.SELF_TRADE_PREVENTED, List.of()))
                .expectState(book -> assertThat(book.book().openOrder("s1")).get()
                        .extracting(BookOrder::filled, BookOrder::owner).containsExactly(0L, "alice"));
    }

    @Test
    void aRestingOrderPlacedBeforeOrdersCarriedTheirOwnerIsComparedByAccountOnly() {
        PlaceOrderCommand old = limit("s1", "alice-savings", null, SELL, 1000, 3, TimeInForce.GTC);
        PlaceOrderCommand buy = limit("b1", "alice", "alice", BUY, 1000, 3, TimeInForce.GTC);
        fixture.given(listed(), placed(old))
                .when(buy)
                .expectEvents(placed(buy),
                        trade(1, 1000, 3, "s1", "alice-savings", "b1", "alice", BUY, true, true),
                        new OrderFilledEvent(ACME, old.orderId(), old.accountId(), SELL, Quantity.ofLots(3), T1),
                        new OrderFilledEvent(ACME, buy.orderId(), buy.accountId(), BUY, Quantity.ofLots(3), T1));
    }

    @Test
    void anOrderWithoutItsOwningUserIsRefused() {
        fixture.given(listed())
                .when(limit("b1", "alice", null, BUY, 1000, 3, TimeInForce.GTC))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.MALFORMED_REQUEST));
    }

    @Test
    void aFokOrderStoppedBySelfTradePreventionReportsSelfTradePrevention() {
        PlaceOrderCommand other = gtc("s1", "bob", SELL, 1000, 2);
        PlaceOrderCommand own = limit("s2", "alice-savings", "alice", SELL, 1000, 5, TimeInForce.GTC);
        PlaceOrderCommand buy = limit("b1", "alice", "alice", BUY, 1000, 5, TimeInForce.FOK);
        fixture.given(listed(), placed(other), placed(own))
                .when(buy)
                .expectEvents(placed(buy),
                        new OrderCancelledEvent(ACME, buy.orderId(), buy.accountId(), BUY, Quantity.ZERO,
                                Quantity.ofLots(5), CancelReason.SELF_TRADE_PREVENTED, T1))
                .expectResultMessagePayload(new OrderResult(buy.orderId(), buy.accountId(), ACME, BUY,
                        OrderStatus.CANCELLED, Quantity.ofLots(5), Quantity.ZERO, CancelReason.SELF_TRADE_PREVENTED, List.of()));
    }

    @Test
    void anOrderBelowTheMinimumNotionalIsRefused() {
        // The default minimum is 1.00: 99 ticks of 0.01 x 1 share is 0.99.
        fixture.given(listed())
                .when(gtc("b1", "alice", BUY, 99, 1))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.ORDER_NOTIONAL_TOO_SMALL));
    }

    @Test
    void anOrderOfExactlyTheMinimumNotionalIsAccepted() {
        PlaceOrderCommand buy = gtc("b1", "alice", BUY, 100, 1);
        fixture.given(listed())
                .when(buy)
                .expectEvents(placed(buy));
    }

    @Test
    void aMarketOrderBelowTheMinimumNotionalAtItsProtectionPriceIsRefused() {
        fixture.given(listed())
                .when(market("m1", "alice", SELL, Price.ofTicks(99), 1))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.ORDER_NOTIONAL_TOO_SMALL));
    }

    @Test
    void anOrderAboveTheQuantityLimitIsRefused() {
        fixture.given(listed())
                .when(gtc("b1", "alice", BUY, 1, 1_001))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.ORDER_SIZE_LIMIT));
    }

    @Test
    void anOrderAboveTheNotionalLimitIsRefused() {
        fixture.given(listed())
                .when(gtc("b1", "alice", BUY, 5_001, 1_000))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.ORDER_NOTIONAL_LIMIT));
    }

    @Test
    void aLimitOrderWithoutPriceIsRefused() {
        fixture.given(listed())
                .when(new PlaceOrderCommand(ACME, OrderId.of("b1"), AccountId.of("alice"), BUY, OrderType.LIMIT, null,
                        Quantity.ofLots(1), TimeInForce.GTC, T1, UserId.of("alice")))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.INVALID_PRICE));
    }

    @Test
    void aZeroQuantityIsRefused() {
        fixture.given(listed())
                .when(gtc("b1", "alice", BUY, 1000, 0))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.INVALID_QUANTITY));
    }

    @Test
    void anOrderIdThatWasAlreadyUsedIsRefused() {
        PlaceOrderCommand buy = gtc("b1", "alice", BUY, 1000, 5);
        fixture.given(listed(), placed(buy),
                        new OrderCancelledEvent(ACME, buy.orderId(), buy.accountId(), BUY, Quantity.ZERO,
                                Quantity.ofLots(5), CancelReason.USER_REQUESTED, T1))
                .when(buy)
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.ORDER_NOT_OPEN));
    }
}
