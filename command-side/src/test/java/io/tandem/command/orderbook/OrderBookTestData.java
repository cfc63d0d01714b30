package io.tandem.command.orderbook;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.orderbook.InstrumentListedEvent;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.orderbook.ListInstrumentCommand;
import io.tandem.contracts.orderbook.OrderPlacedEvent;
import io.tandem.contracts.orderbook.OrderType;
import io.tandem.contracts.orderbook.PlaceOrderCommand;
import io.tandem.contracts.orderbook.TimeInForce;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Instrument, commands and events for the order-book fixture tests. Lots are whole shares and
 * ticks are cents, so a notional in cents is simply price ticks times lots.
 */
final class OrderBookTestData {

    static final Symbol ACME = Symbol.of("ACME");
    static final Instant T0 = Instant.parse("2025-01-02T10:00:00Z");
    static final Instant T1 = T0.plusSeconds(1);
    static final AccountId ISSUER = AccountId.of("issuer");
    static final InstrumentSpec SPEC = new InstrumentSpec(ACME, "Acme Corp", new BigDecimal("0.01"), BigDecimal.ONE,
            new BigDecimal("0.001"), new BigDecimal("0.002"), Quantity.ofLots(1_000), Cash.parse("50000.00"),
            new BigDecimal("0.10"));

    private OrderBookTestData() {
    }

    static ListInstrumentCommand list() {
        return new ListInstrumentCommand(ACME, SPEC, ISSUER, Quantity.ofLots(1_000_000), T0);
    }

    static InstrumentListedEvent listed() {
        return new InstrumentListedEvent(ACME, SPEC, ISSUER, Quantity.ofLots(1_000_000), T0);
    }

    /** A limit order of {@code account}, owned by a user of the same name (one account per user). */
    static PlaceOrderCommand limit(String orderId, String account, Side side, long price, long quantity, TimeInForce tif) {
        return limit(orderId, account, account, side, price, quantity, tif);
    }

    /** A limit order of {@code account}, owned by the user {@code owner} (null: an order placed before orders carried it). */
    static PlaceOrderCommand limit(String orderId, String account, String owner, Side side, long price, long quantity,
                                   TimeInForce tif) {
        return new PlaceOrderCommand(ACME, OrderId.of(orderId), AccountId.of(account), side, OrderType.LIMIT,
                Price.ofTicks(price), Quantity.ofLots(quantity), tif, T1, owner == null ? null : UserId.of(owner));
    }

    static PlaceOrderCommand gtc(String orderId, String account, Side side, long price, long quantity) {
        return limit(orderId, account, side, price, quantity, TimeInForce.GTC);
    }

    static PlaceOrderCommand market(String orderId, String account, Side side, Price bound, long quantity) {
        return new PlaceOrderCommand(ACME, OrderId.of(orderId), AccountId.of(account), side, OrderType.MARKET,
                bound, Quantity.ofLots(quantity), TimeInForce.IOC, T1, UserId.of(account));
    }

    static OrderPlacedEvent placed(PlaceOrderCommand c) {
        return new OrderPlacedEvent(c.symbol(), c.orderId(), c.accountId(), c.side(), c.type(), c.limitPrice(),
                c.quantity(), c.timeInForce(), c.placedAt(), c.owner());
    }

    /** A trade with the legs of this spec: notional = price x quantity cents, maker 0.1%, taker 0.2%, fees rounded up. */
    static TradeExecutedEvent trade(long number, long price, long quantity, String makerOrder, String makerAccount,
                                    String takerOrder, String takerAccount, Side aggressor,
                                    boolean buyFilled, boolean sellFilled) {
        long notional = price * quantity;
        long takerFee = ceilDiv(notional * 2, 1000);
        long makerFee = ceilDiv(notional, 1000);
        boolean takerBuys = aggressor == Side.BUY;
        return new TradeExecutedEvent(ACME, TradeId.of("ACME-" + number), Price.ofTicks(price), Quantity.ofLots(quantity),
                aggressor, OrderId.of(makerOrder), OrderId.of(takerOrder),
                AccountId.of(takerBuys ? takerAccount : makerAccount), OrderId.of(takerBuys ? takerOrder : makerOrder),
                AccountId.of(takerBuys ? makerAccount : takerAccount), OrderId.of(takerBuys ? makerOrder : takerOrder),
                Cash.ofCents(notional), Cash.ofCents(takerBuys ? takerFee : makerFee),
                Cash.ofCents(notional), Cash.ofCents(takerBuys ? makerFee : takerFee), buyFilled, sellFilled, T1);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /** Matches a {@link TandemException} with the given code. */
    static Matcher<Throwable> refusedWith(ErrorCode code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable error) {
                return error instanceof TandemException refusal && refusal.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a TandemException with code " + code);
            }
        };
    }
}
