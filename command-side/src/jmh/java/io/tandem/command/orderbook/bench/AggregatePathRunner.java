package io.tandem.command.orderbook.bench;

import io.tandem.command.orderbook.Decision;
import io.tandem.command.orderbook.OrderBookDecisions;
import io.tandem.command.orderbook.OrderBookState;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.orderbook.CancelOrderCommand;
import io.tandem.contracts.orderbook.InstrumentListedEvent;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.orderbook.OrderType;
import io.tandem.contracts.orderbook.PlaceOrderCommand;
import io.tandem.contracts.orderbook.TimeInForce;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Feeds a {@link CommandStream} through the order book aggregate's own logic without Axon: decide
 * (match, price the trade legs, build the events), then apply each event to the state, as the
 * aggregate's command and event-sourcing handlers do. This is the matcher plus everything the
 * aggregate adds on top of it, short of persistence.
 */
final class AggregatePathRunner {

    private static final Symbol SYMBOL = Symbol.of("BENCH");
    private static final Instant NOW = Instant.parse("2025-01-02T10:00:00Z");
    private static final InstrumentSpec SPEC = new InstrumentSpec(SYMBOL, "Bench", new BigDecimal("0.01"), BigDecimal.ONE,
            new BigDecimal("0.001"), new BigDecimal("0.002"), Quantity.ofLots(1_000_000_000L),
            Cash.ofCents(Long.MAX_VALUE / 4), new BigDecimal("0.10"));

    /** Commands built once per stream, so that building them is not measured. */
    static Object[] commands(CommandStream stream) {
        Object[] commands = new Object[stream.size];
        for (int i = 0; i < stream.size; i++) {
            OrderId orderId = OrderId.of(stream.orderIdText[i]);
            commands[i] = stream.kind[i] == CommandStream.Kind.CANCEL
                    ? new CancelOrderCommand(SYMBOL, orderId, NOW)
                    : new PlaceOrderCommand(SYMBOL, orderId, AccountId.of("u" + stream.orderId[i]),
                    stream.requests[i].side(), OrderType.LIMIT, Price.ofTicks(stream.price[i]),
                    Quantity.ofLots(stream.quantity[i]),
                    stream.kind[i] == CommandStream.Kind.IOC ? TimeInForce.IOC : TimeInForce.GTC, NOW,
                    UserId.of("u" + stream.orderId[i]));
        }
        return commands;
    }

    static OrderBookState newBook() {
        return OrderBookState.listed(new InstrumentListedEvent(SYMBOL, SPEC, AccountId.of("issuer"),
                Quantity.ofLots(1_000_000_000L), NOW));
    }

    static Decision apply(OrderBookState book, Object command) {
        Decision decision = command instanceof PlaceOrderCommand place
                ? OrderBookDecisions.place(book, place)
                : OrderBookDecisions.cancel(book, (CancelOrderCommand) command);
        for (Object event : decision.events()) {
            book.evolve(event);
        }
        return decision;
    }

    private AggregatePathRunner() {
    }
}
