package io.tandem.command.orderbook;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.orderbook.AmendOrderCommand;
import io.tandem.contracts.orderbook.CancelOrderCommand;
import io.tandem.contracts.orderbook.CancelReason;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.orderbook.OrderAmendedEvent;
import io.tandem.contracts.orderbook.OrderCancelledEvent;
import io.tandem.contracts.orderbook.OrderPlacedEvent;
import io.tandem.contracts.orderbook.OrderResult;
import io.tandem.contracts.orderbook.OrderStatus;
import io.tandem.contracts.orderbook.OrderType;
import io.tandem.contracts.orderbook.PlaceOrderCommand;
import io.tandem.contracts.orderbook.TimeInForce;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides what a command does to an order book: it checks the command against the book's state and
 * the instrument's limits, refusing with a {@link TandemException} before anything happens, and
 * otherwise returns the events to apply and the answer. It never changes the state, so the
 * aggregate can guard, then apply, and the property tests can drive the same code without Axon.
 */
public final class OrderBookDecisions {

    private OrderBookDecisions() {
    }

    /**
     * Places an order. Market orders carry their protection price (computed by order entry from the
     * collar) in {@code limitPrice}; they trade like IOC orders (FOK if so asked) at that bound and
     * never rest. The owner is required: only events stored before orders carried one lack it, so
     * no new order can slip past self-trade prevention by owning user.
     */
    public static Decision place(OrderBookState book, PlaceOrderCommand command) {
        if (command.orderId() == null || command.accountId() == null || command.owner() == null || command.side() == null
                || command.type() == null || command.timeInForce() == null || command.placedAt() == null) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST,
                    "order id, account, owner, side, type, time in force and time are required");
        }
        InstrumentSpec spec = book.spec();
        if (!spec.symbol().equals(command.symbol())) {
            throw new TandemException(ErrorCode.UNKNOWN_INSTRUMENT, "this book trades " + spec.symbol());
        }
        if (command.quantity() == null || !command.quantity().isPositive()) {
            throw new TandemException(ErrorCode.INVALID_QUANTITY, "quantity must be positive");
        }
        if (command.limitPrice() == null) {
            throw command.type() == OrderType.MARKET
                    ? new TandemException(ErrorCode.NO_REFERENCE_PRICE, "a market order needs a protection price")
                    : new TandemException(ErrorCode.INVALID_PRICE, "a limit order needs a limit price");
        }
        checkLimits(spec, command.limitPrice(), command.quantity());
        String orderId = command.orderId().value();
        if (book.openOrder(orderId).isPresent() || book.isClosed(orderId)) {
            throw new TandemException(ErrorCode.ORDER_NOT_OPEN, "order " + orderId + " was already placed");
        }
        MatchPlan plan = book.engine().plan(new OrderRequest(orderId, command.accountId().value(), command.side(),
                command.limitPrice().ticks(), command.quantity().lots(), command.timeInForce().of(command.type()),
                command.owner().value()));

        List<Object> events = new ArrayList<>();
        events.add(new OrderPlacedEvent(spec.symbol(), command.orderId(), command.accountId(), command.side(),
                command.type(), command.limitPrice(), command.quantity(), command.timeInForce(), command.placedAt(),
                command.owner(), command.clientOrderId()));
        Taker taker = new Taker(command.orderId(), command.accountId(), command.side(), command.quantity().lots(), 0);
        return new ExecutionWriter(book, command.placedAt(), events).write(taker, plan);
    }

    /** Cancels an open order on its owner's (or an admin's) request. */
    public static Decision cancel(OrderBookState book, CancelOrderCommand command) {
        BookOrder order = openOrder(book, command.orderId(), command.requestedAt());
        Quantity filled = Quantity.ofLots(order.filled());
        OrderCancelledEvent event = new OrderCancelledEvent(book.spec().symbol(), command.orderId(),
                AccountId.of(order.accountId()), order.side(), filled, Quantity.ofLots(order.open()),
                CancelReason.USER_REQUESTED, command.requestedAt());
        return new Decision(List.of(event), result(book, order, OrderStatus.CANCELLED, order.quantity(),
                CancelReason.USER_REQUESTED));
    }

    /**
     * Amends an open limit order (market orders never rest, so they are never open). The new
     * quantity is the order's new total and must exceed what has filled. Reducing the quantity at
     * the same price keeps time priority; any other change moves the order to the back of its new
     * level, and if the new price crosses, the order trades at once as the taker. The amended order
     * must keep within the instrument's limits as a new order would, on its new total quantity
     * (filled part included) at its new price: an amendment that would take its notional below the
     * minimum is refused with ORDER_NOTIONAL_TOO_SMALL and the order stays as it was. (What an order
     * has left open after partial fills may well be below the minimum; that is not a new order.)
     */
    public static Decision amend(OrderBookState book, AmendOrderCommand command) {
        BookOrder order = openOrder(book, command.orderId(), command.requestedAt());
        if (command.newPrice() == null && command.newQuantity() == null) {
            throw new TandemException(ErrorCode.INVALID_AMENDMENT, "nothing to amend");
        }
        long price = command.newPrice() != null ? command.newPrice().ticks() : order.price();
        long quantity = command.newQuantity() != null ? command.newQuantity().lots() : order.quantity();
        if (quantity <= order.filled()) {
            throw new TandemException(ErrorCode.INVALID_AMENDMENT,
                    "the new quantity must exceed the filled quantity " + order.filled());
        }
        checkLimits(book.spec(), Price.ofTicks(price), Quantity.ofLots(quantity));
        if (price == order.price() && quantity == order.quantity()) {
            return new Decision(List.of(), result(book, order, openStatus(order.filled()), order.quantity(), null));
        }
        boolean keepPriority = MatchingEngine.keepsPriority(order, price, quantity);
        List<Object> events = new ArrayList<>();
        events.add(new OrderAmendedEvent(book.spec().symbol(), command.orderId(), AccountId.of(order.accountId()),
                Price.ofTicks(price), Quantity.ofLots(quantity), keepPriority, command.requestedAt()));
        Taker taker = new Taker(command.orderId(), AccountId.of(order.accountId()), order.side(), quantity, order.filled());
        if (keepPriority) {
            return new Decision(events, result(book, order, openStatus(order.filled()), quantity, null));
        }
        MatchPlan plan = book.engine().plan(new OrderRequest(order.orderId(), order.accountId(), order.side(), price,
                quantity - order.filled(), TimeInForce.GTC, order.owner()));
        return new ExecutionWriter(book, command.requestedAt(), events).write(taker, plan);
    }

    /** The order whose matching a command triggers: the incoming order or the amended one. */
    record Taker(OrderId orderId, AccountId accountId, Side side, long quantity, long filledBefore) {
    }

    static OrderStatus openStatus(long filled) {
        return filled > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.NEW;
    }

    private static void checkLimits(InstrumentSpec spec, Price price, Quantity quantity) {
        if (quantity.compareTo(spec.maxOrderQuantity()) > 0) {
            throw new TandemException(ErrorCode.ORDER_SIZE_LIMIT,
                    "quantity exceeds the per-order limit of " + spec.format(spec.maxOrderQuantity()));
        }
        BigDecimal notional;
        try {
            notional = spec.notionalCents(price, quantity);
        } catch (ArithmeticException e) {
            throw new TandemException(ErrorCode.ORDER_NOTIONAL_LIMIT, "order notional is too large");
        }
        if (notional.compareTo(BigDecimal.valueOf(spec.maxOrderNotional().cents())) > 0) {
            throw new TandemException(ErrorCode.ORDER_NOTIONAL_LIMIT,
                    "order notional exceeds the per-order limit of " + spec.maxOrderNotional());
        }
        if (notional.compareTo(BigDecimal.valueOf(spec.minOrderNotional().cents())) < 0) {
            throw new TandemException(ErrorCode.ORDER_NOTIONAL_TOO_SMALL,
                    "order notional is below the per-order minimum of " + spec.minOrderNotional());
        }
    }

    private static BookOrder openOrder(OrderBookState book, OrderId orderId, Instant requestedAt) {
        if (orderId == null || requestedAt == null) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "order id and time are required");
        }
        return book.openOrder(orderId.value()).orElseThrow(() -> book.isClosed(orderId.value())
                ? new TandemException(ErrorCode.ORDER_NOT_OPEN, "order " + orderId + " is no longer open")
                : new TandemException(ErrorCode.ORDER_NOT_FOUND, "no order " + orderId + " in this book"));
    }

    private static OrderResult result(OrderBookState book, BookOrder order, OrderStatus status, long quantity,
                                      CancelReason reason) {
        return new OrderResult(OrderId.of(order.orderId()), AccountId.of(order.accountId()), book.spec().symbol(),
                order.side(), status, Quantity.ofLots(quantity), Quantity.ofLots(order.filled()), reason, List.of());
    }
}
