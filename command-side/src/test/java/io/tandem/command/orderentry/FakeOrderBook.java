package io.tandem.command.orderentry;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.orderbook.*;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in book that never matches: it rests every order as NEW, except that a quantity of
 * exactly {@link #REFUSED_LOTS} lots is refused, as a real book may refuse after the reservation
 * was made. The first cancel of an order of {@link #CONTESTED_CANCEL_LOTS} lots loses a race on the
 * event store (a {@link ConcurrencyException}, as when another node appended to the book first).
 * It keeps the place commands it received, so tests can see what reached the book.
 */
@Component
class FakeOrderBook {

    static final long REFUSED_LOTS = 13;
    static final long CONTESTED_CANCEL_LOTS = 17;

    private final EventGateway events;
    private final Map<OrderId, OrderResult> orders = new ConcurrentHashMap<>();
    private final Map<OrderId, PlaceOrderCommand> received = new ConcurrentHashMap<>();
    private final Map<OrderId, AtomicInteger> cancelAttempts = new ConcurrentHashMap<>();

    FakeOrderBook(EventGateway events) {
        this.events = events;
    }

    @CommandHandler
    void handle(ListInstrumentCommand command) {
        events.publish(new InstrumentListedEvent(command.symbol(), command.spec(), command.issuerAccountId(),
                command.supply(), command.listedAt()));
    }

    @CommandHandler
    OrderResult handle(PlaceOrderCommand command) {
        if (command.quantity().lots() == REFUSED_LOTS) {
            throw new TandemException(ErrorCode.ORDER_SIZE_LIMIT, "the fake book refuses 13 lots");
        }
        OrderResult result = new OrderResult(command.orderId(), command.accountId(), command.symbol(), command.side(),
                OrderStatus.NEW, command.quantity(), Quantity.ZERO, null, List.of());
        orders.put(command.orderId(), result);
        received.put(command.orderId(), command);
        return result;
    }

    @CommandHandler
    OrderResult handle(CancelOrderCommand command) {
        int attempt = cancelAttempts.computeIfAbsent(command.orderId(), id -> new AtomicInteger()).incrementAndGet();
        OrderResult placed = orders.get(command.orderId());
        if (attempt == 1 && placed != null && placed.quantity().lots() == CONTESTED_CANCEL_LOTS) {
            throw new ConcurrencyException("another node appended to the book of " + command.orderId() + " first");
        }
        return orders.compute(command.orderId(), (id, order) -> with(live(order), OrderStatus.CANCELLED, order.quantity()));
    }

    @CommandHandler
    OrderResult handle(AmendOrderCommand command) {
        return orders.compute(command.orderId(), (id, order) -> with(live(order), OrderStatus.NEW,
                command.newQuantity() == null ? order.quantity() : command.newQuantity()));
    }

    /** The place command that reached the book for this order. */
    PlaceOrderCommand received(OrderId orderId) {
        return received.get(orderId);
    }

    /** How many cancel commands reached the book for this order. */
    int cancelAttempts(OrderId orderId) {
        AtomicInteger attempts = cancelAttempts.get(orderId);
        return attempts == null ? 0 : attempts.get();
    }

    private static OrderResult live(OrderResult order) {
        if (order == null || !order.status().isOpen()) {
            throw new TandemException(ErrorCode.ORDER_NOT_OPEN, "not open");
        }
        return order;
    }

    private static OrderResult with(OrderResult order, OrderStatus status, Quantity quantity) {
        return new OrderResult(order.orderId(), order.accountId(), order.symbol(), order.side(), status, quantity,
                order.filledQuantity(), status == OrderStatus.CANCELLED ? CancelReason.USER_REQUESTED : null, List.of());
    }
}
