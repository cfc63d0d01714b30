package io.tandem.projection.support;

import io.tandem.contracts.common.*;
import io.tandem.contracts.orderbook.InstrumentListedEvent;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.orderbook.OrderPlacedEvent;
import io.tandem.contracts.orderbook.OrderType;
import io.tandem.contracts.orderbook.TimeInForce;
import io.tandem.contracts.orderbook.TradeExecutedEvent;

import java.math.BigDecimal;
import java.time.Instant;

/** Events for read-model tests, on an ACME instrument with a 0.01 tick and a 0.0001 lot. */
public final class TestEvents {

    public static final Symbol ACME = Symbol.of("ACME");
    public static final InstrumentSpec ACME_SPEC = new InstrumentSpec(ACME, "Acme Corp",
            new BigDecimal("0.01"), new BigDecimal("0.0001"), new BigDecimal("0.001"), new BigDecimal("0.002"),
            Quantity.ofLots(1_000_000_0000L), Cash.parse("1000000.00"), new BigDecimal("0.10"));
    public static final AccountId ISSUER = AccountId.of("issuer");
    public static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    private TestEvents() {
    }

    public static Price price(String decimal) {
        return ACME_SPEC.priceOf(decimal);
    }

    public static Quantity quantity(String decimal) {
        return ACME_SPEC.quantityOf(decimal);
    }

    public static InstrumentListedEvent acmeListed(String supply) {
        return new InstrumentListedEvent(ACME, ACME_SPEC, ISSUER, quantity(supply), T0);
    }

    public static OrderPlacedEvent limit(String orderId, String accountId, Side side, String price, String quantity, Instant at) {
        return new OrderPlacedEvent(ACME, OrderId.of(orderId), AccountId.of(accountId), side, OrderType.LIMIT,
                price(price), quantity(quantity), TimeInForce.GTC, at, null);
    }

    public static OrderPlacedEvent market(String orderId, String accountId, Side side, String quantity, Instant at) {
        return new OrderPlacedEvent(ACME, OrderId.of(orderId), AccountId.of(accountId), side, OrderType.MARKET,
                null, quantity(quantity), TimeInForce.IOC, at, null);
    }

    /**
     * A market order as the book records it: with the protection price (the collar bound order
     * entry computed) in {@code limitPrice} and the time in force the client asked for.
     */
    public static OrderPlacedEvent marketAsPlaced(String orderId, String accountId, Side side, String protectionPrice,
                                                  String quantity, TimeInForce timeInForce, Instant at) {
        return new OrderPlacedEvent(ACME, OrderId.of(orderId), AccountId.of(accountId), side, OrderType.MARKET,
                price(protectionPrice), quantity(quantity), timeInForce, at, null);
    }

    /**
     * A trade of the taker against the resting maker at the maker's price; notional and fees in
     * cents are given by the caller, as the order book computed them.
     */
    public static TradeExecutedEvent trade(String tradeId, OrderPlacedEvent maker, OrderPlacedEvent taker,
                                           String quantity, long notionalCents, boolean makerFilled, boolean takerFilled) {
        boolean takerBuys = taker.side() == Side.BUY;
        OrderPlacedEvent buy = takerBuys ? taker : maker;
        OrderPlacedEvent sell = takerBuys ? maker : taker;
        return new TradeExecutedEvent(ACME, TradeId.of(tradeId), maker.limitPrice(), quantity(quantity), taker.side(),
                maker.orderId(), taker.orderId(), buy.accountId(), buy.orderId(), sell.accountId(), sell.orderId(),
                Cash.ofCents(notionalCents), Cash.ZERO, Cash.ofCents(notionalCents), Cash.ZERO,
                takerBuys ? takerFilled : makerFilled, takerBuys ? makerFilled : takerFilled, T0);
    }
}
