package io.tandem.command.orderbook;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.orderbook.AmendOrderCommand;
import io.tandem.contracts.orderbook.CancelOrderCommand;
import io.tandem.contracts.orderbook.InstrumentListedEvent;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.orderbook.OrderAmendedEvent;
import io.tandem.contracts.orderbook.OrderCancelledEvent;
import io.tandem.contracts.orderbook.OrderFilledEvent;
import io.tandem.contracts.orderbook.OrderType;
import io.tandem.contracts.orderbook.PlaceOrderCommand;
import io.tandem.contracts.orderbook.TimeInForce;
import io.tandem.contracts.orderbook.TradeExecutedEvent;

import net.jqwik.api.statistics.Statistics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Drives an {@link OrderBookState} the way the aggregate does (decide, then apply the events one by
 * one) with order entry's reservations in front of it and settlement's bookkeeping behind it, and
 * checks every invariant after every step: see {@link RandomOrderStreamProperties}.
 */
final class SimulatedMarket {

    static final List<String> TRADERS = List.of("t0", "t1", "t2", "t3");
    private static final Instant NOW = Instant.parse("2025-01-02T10:00:00Z");

    private final InstrumentSpec spec;
    private final InstrumentListedEvent listing;
    private final OrderBookState book;
    private final SimulatedLedger ledger;
    private final long cashTotal;
    private final long lotsTotal;
    private final List<Object> history = new ArrayList<>();
    private final PriorityCheck priority = new PriorityCheck();
    private final Map<String, Long> total = new HashMap<>();
    private final Map<String, Long> filled = new HashMap<>();
    private final Map<String, Long> cancelled = new HashMap<>();
    private final Map<String, Long> highestLimit = new HashMap<>();
    private final List<String> orderIds = new ArrayList<>();

    SimulatedMarket(InstrumentSpec spec, long cashEach, long lotsEach) {
        this.spec = spec;
        this.listing = new InstrumentListedEvent(spec.symbol(), spec, AccountId.of("issuer"),
                Quantity.ofLots(lotsEach * TRADERS.size()), NOW);
        this.book = OrderBookState.listed(listing);
        this.ledger = new SimulatedLedger(TRADERS, cashEach, lotsEach);
        this.cashTotal = ledger.totalCash();
        this.lotsTotal = ledger.totalLots();
    }

    void place(int trader, Side side, OrderType type, TimeInForce tif, long limit, long quantity) {
        String account = TRADERS.get(trader);
        String orderId = "o" + orderIds.size();
        Price price = type == OrderType.LIMIT ? Price.ofTicks(limit) : book.lastPrice()
                .map(last -> side == Side.BUY ? spec.marketBuyLimit(last) : spec.marketSellLimit(last)).orElse(null);
        PlaceOrderCommand command = new PlaceOrderCommand(spec.symbol(), OrderId.of(orderId), AccountId.of(account), side,
                type, price, Quantity.ofLots(quantity), tif, NOW, UserId.of(account));
        if (price == null) {
            TandemException refusal = catchThrowableOfType(() -> OrderBookDecisions.place(book, command), TandemException.class);
            assertThat(refusal.code()).isEqualTo(ErrorCode.NO_REFERENCE_PRICE);
            return;
        }
        if (belowMinimum(price.ticks(), quantity)) {
            TandemException refusal = catchThrowableOfType(() -> OrderBookDecisions.place(book, command), TandemException.class);
            assertThat(refusal.code()).isEqualTo(ErrorCode.ORDER_NOTIONAL_TOO_SMALL);
            return;
        }
        long cash = side == Side.BUY ? spec.buyReservation(price, Quantity.ofLots(quantity)).cents() : 0;
        if (side == Side.BUY ? cash > ledger.availableCash(account) : quantity > ledger.availableLots(account)) {
            return;
        }
        Decision decision = OrderBookDecisions.place(book, command);
        orderIds.add(orderId);
        if (side == Side.BUY) {
            ledger.reserveCash(account, orderId, cash);
            highestLimit.put(orderId, price.ticks());
        } else {
            ledger.reserveLots(account, orderId, quantity);
        }
        total.put(orderId, quantity);
        priority.arrived(orderId);
        priority.expectMatching(book.engine(), orderId, account, side, price.ticks(), quantity, decision);
        apply(decision);
    }

    void cancel(int pick) {
        int index = pick % (orderIds.size() + 1);
        String orderId = index < orderIds.size() ? orderIds.get(index) : "unknown-" + pick;
        CancelOrderCommand command = new CancelOrderCommand(spec.symbol(), OrderId.of(orderId), NOW);
        if (book.openOrder(orderId).isEmpty()) {
            TandemException refusal = catchThrowableOfType(() -> OrderBookDecisions.cancel(book, command), TandemException.class);
            assertThat(refusal.code()).isEqualTo(book.isClosed(orderId) ? ErrorCode.ORDER_NOT_OPEN : ErrorCode.ORDER_NOT_FOUND);
            return;
        }
        apply(OrderBookDecisions.cancel(book, command));
    }

    void amend(int pick, Long newPrice, Long newQuantity) {
        List<BookOrder> open = new ArrayList<>(book.engine().orders(Side.BUY));
        open.addAll(book.engine().orders(Side.SELL));
        if (open.isEmpty()) {
            return;
        }
        BookOrder order = open.get(pick % open.size());
        AmendOrderCommand command = new AmendOrderCommand(spec.symbol(), OrderId.of(order.orderId()),
                newPrice == null ? null : Price.ofTicks(newPrice), newQuantity == null ? null : Quantity.ofLots(newQuantity), NOW);
        long quantity = newQuantity == null ? order.quantity() : newQuantity;
        if ((newPrice == null && newQuantity == null) || quantity <= order.filled()) {
            TandemException refusal = catchThrowableOfType(() -> OrderBookDecisions.amend(book, command), TandemException.class);
            assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_AMENDMENT);
            return;
        }
        long price = newPrice == null ? order.price() : newPrice;
        if (belowMinimum(price, quantity)) {
            TandemException refusal = catchThrowableOfType(() -> OrderBookDecisions.amend(book, command), TandemException.class);
            assertThat(refusal.code()).isEqualTo(ErrorCode.ORDER_NOTIONAL_TOO_SMALL);
            return;
        }
        Decision decision = OrderBookDecisions.amend(book, command);
        if (!topUp(order, price, quantity)) {
            return;
        }
        if (decision.events().stream().anyMatch(e -> e instanceof OrderAmendedEvent a && !a.priorityKept())) {
            priority.arrived(order.orderId());
            priority.expectMatching(book.engine(), order.orderId(), order.accountId(), order.side(), price,
                    quantity - order.filled(), decision);
        }
        apply(decision);
    }

    /** Whether an order (or an amended order's new total) of {@code quantity} at {@code price} is below the instrument's minimum notional. */
    private boolean belowMinimum(long price, long quantity) {
        return spec.notionalCents(Price.ofTicks(price), Quantity.ofLots(quantity))
                .compareTo(BigDecimal.valueOf(spec.minOrderNotional().cents())) < 0;
    }

    /** Order entry's top-up before an amendment: enough for every fill at the highest limit the order ever had. */
    private boolean topUp(BookOrder order, long price, long quantity) {
        if (order.side() == Side.BUY) {
            long highest = Math.max(highestLimit.get(order.orderId()), price);
            long needed = spec.buyReservation(Price.ofTicks(highest), Quantity.ofLots(quantity)).cents()
                    - ledger.reservedEver(order.orderId());
            if (needed > ledger.availableCash(order.accountId())) {
                return false;
            }
            ledger.reserveCash(order.accountId(), order.orderId(), Math.max(0, needed));
            highestLimit.put(order.orderId(), highest);
        } else {
            long extra = quantity - order.quantity();
            if (extra > ledger.availableLots(order.accountId())) {
                return false;
            }
            ledger.reserveLots(order.accountId(), order.orderId(), Math.max(0, extra));
        }
        return true;
    }

    private void apply(Decision decision) {
        for (Object event : decision.events()) {
            Statistics.label("events").collect(kind(event));
            if (event instanceof TradeExecutedEvent trade) {
                Statistics.label("seller notional").collect(sellerNotionalCapped(trade) ? "capped" : "not capped");
            }
            book.evolve(event);
            ledger.on(event);
            history.add(event);
            if (event instanceof TradeExecutedEvent trade) {
                filled.merge(trade.buyOrderId().value(), trade.quantity().lots(), Long::sum);
                filled.merge(trade.sellOrderId().value(), trade.quantity().lots(), Long::sum);
            } else if (event instanceof OrderCancelledEvent c) {
                cancelled.merge(c.orderId().value(), c.cancelledQuantity().lots(), Long::sum);
                assertThat(c.filledQuantity().lots()).isEqualTo(filled.getOrDefault(c.orderId().value(), 0L));
            } else if (event instanceof OrderFilledEvent f) {
                assertThat(f.filledQuantity().lots()).isEqualTo(filled.get(f.orderId().value()));
            } else if (event instanceof OrderAmendedEvent a) {
                total.put(a.orderId().value(), a.quantity().lots());
            }
        }
        checkInvariants();
    }

    private boolean sellerNotionalCapped(TradeExecutedEvent trade) {
        OrderCharges seller = book.charges(trade.sellOrderId().value());
        long uncapped = InstrumentSpec.floorCents(seller.exactNotional().add(spec.notionalCents(trade.price(), trade.quantity())))
                - seller.notionalBilled();
        return trade.sellerNotional().cents() < uncapped;
    }

    private static String kind(Object event) {
        if (event instanceof OrderCancelledEvent c) {
            return "cancelled " + c.reason();
        }
        if (event instanceof OrderAmendedEvent a) {
            return a.priorityKept() ? "amended, priority kept" : "amended, priority lost";
        }
        return event.getClass().getSimpleName();
    }

    private void checkInvariants() {
        MatchingEngine engine = book.engine();
        BookInvariants.check(engine, priority.arrival());
        Map<String, Long> open = BookInvariants.openQuantities(engine);
        total.forEach((id, quantity) -> assertThat(quantity).as("placed = filled + open + cancelled for %s", id)
                .isEqualTo(filled.getOrDefault(id, 0L) + open.getOrDefault(id, 0L) + cancelled.getOrDefault(id, 0L)));
        open.keySet().forEach(id -> assertThat(engine.order(id).orElseThrow().filled()).isEqualTo(filled.getOrDefault(id, 0L)));
        assertThat(ledger.reservedOrders()).as("only open orders hold reservations").isEqualTo(open.keySet());
        assertThat(ledger.totalCash()).as("cash across accounts and the fee account").isEqualTo(cashTotal);
        assertThat(ledger.totalLots()).as("positions across accounts").isEqualTo(lotsTotal);
    }

    /** Rebuilding from the events, and restoring from a snapshot, both give the same book. */
    void checkReplayAndSnapshot() {
        OrderBookState replayed = OrderBookState.listed(listing);
        history.forEach(replayed::evolve);
        assertThat(replayed).isEqualTo(book);
        assertThat(OrderBookState.restore(book.snapshot())).isEqualTo(book);
    }
}
