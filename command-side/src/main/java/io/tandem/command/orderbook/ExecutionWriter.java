package io.tandem.command.orderbook;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.orderbook.Fill;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.orderbook.OrderCancelledEvent;
import io.tandem.contracts.orderbook.OrderFilledEvent;
import io.tandem.contracts.orderbook.OrderResult;
import io.tandem.contracts.orderbook.OrderStatus;
import io.tandem.contracts.orderbook.TradeExecutedEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link MatchPlan} into events: one {@link TradeExecutedEvent} per match with its cash
 * legs, an {@link OrderFilledEvent} right after the trade that completes a maker, and a final
 * {@link OrderFilledEvent} or {@link OrderCancelledEvent} for the taker. Trade charges of several
 * fills in one command build on each other, so the writer keeps the running totals of the orders it
 * touches in a scratch map instead of changing the book.
 */
final class ExecutionWriter {

    private final OrderBookState book;
    private final Instant at;
    private final List<Object> events;
    private final Map<String, OrderCharges> scratch = new HashMap<>();

    ExecutionWriter(OrderBookState book, Instant at, List<Object> events) {
        this.book = book;
        this.at = at;
        this.events = events;
    }

    Decision write(OrderBookDecisions.Taker taker, MatchPlan plan) {
        InstrumentSpec spec = book.spec();
        Symbol symbol = spec.symbol();
        boolean takerBuys = taker.side() == Side.BUY;
        long takerFilled = taker.filledBefore();
        long tradeNumber = book.tradeCount();
        List<Fill> fills = new ArrayList<>();
        for (MatchPlan.Match match : plan.matches()) {
            takerFilled += match.quantity();
            boolean takerDone = takerFilled == taker.quantity();
            OrderId makerId = OrderId.of(match.makerOrderId());
            AccountId makerAccount = AccountId.of(match.makerAccountId());
            OrderId buyOrder = takerBuys ? taker.orderId() : makerId;
            OrderId sellOrder = takerBuys ? makerId : taker.orderId();
            Price price = Price.ofTicks(match.price());
            Quantity quantity = Quantity.ofLots(match.quantity());

            TradeCharges.Charged charged = TradeCharges.charge(spec, price, quantity, running(buyOrder), !takerBuys,
                    running(sellOrder));
            scratch.put(buyOrder.value(), charged.buyerAfter());
            scratch.put(sellOrder.value(), charged.sellerAfter());
            TradeCharges.Legs legs = charged.legs();

            TradeId tradeId = TradeId.of(symbol, ++tradeNumber);
            events.add(new TradeExecutedEvent(symbol, tradeId, price, quantity, taker.side(), makerId, taker.orderId(),
                    takerBuys ? taker.accountId() : makerAccount, buyOrder,
                    takerBuys ? makerAccount : taker.accountId(), sellOrder,
                    Cash.ofCents(legs.buyerNotional()), Cash.ofCents(legs.buyerFee()),
                    Cash.ofCents(legs.sellerNotional()), Cash.ofCents(legs.sellerFee()),
                    takerBuys ? takerDone : match.makerFilled(), takerBuys ? match.makerFilled() : takerDone, at));
            fills.add(new Fill(tradeId, price, quantity));
            if (match.makerFilled()) {
                long makerQuantity = book.openOrder(match.makerOrderId()).orElseThrow().quantity();
                events.add(new OrderFilledEvent(symbol, makerId, makerAccount, taker.side().opposite(),
                        Quantity.ofLots(makerQuantity), at));
            }
        }

        OrderStatus status;
        if (takerFilled == taker.quantity()) {
            events.add(new OrderFilledEvent(symbol, taker.orderId(), taker.accountId(), taker.side(),
                    Quantity.ofLots(takerFilled), at));
            status = OrderStatus.FILLED;
        } else if (plan.cancelledQuantity() > 0) {
            events.add(new OrderCancelledEvent(symbol, taker.orderId(), taker.accountId(), taker.side(),
                    Quantity.ofLots(takerFilled), Quantity.ofLots(plan.cancelledQuantity()), plan.cancelReason(), at));
            status = OrderStatus.CANCELLED;
        } else {
            status = OrderBookDecisions.openStatus(takerFilled);
        }
        OrderResult result = new OrderResult(taker.orderId(), taker.accountId(), symbol, taker.side(), status,
                Quantity.ofLots(taker.quantity()), Quantity.ofLots(takerFilled), plan.cancelReason(), fills);
        return new Decision(events, result);
    }

    private OrderCharges running(OrderId orderId) {
        OrderCharges charges = scratch.get(orderId.value());
        return charges != null ? charges : book.charges(orderId.value());
    }
}
