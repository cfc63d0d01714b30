package io.tandem.command.orderbook;

import io.tandem.contracts.orderbook.OrderResult;

import java.util.List;

/**
 * The outcome of a command on an order book: the events to apply, in order, and the answer to give
 * the sender once they are applied. Computing it changes nothing.
 */
public record Decision(List<Object> events, OrderResult result) {

    public Decision {
        events = List.copyOf(events);
    }
}
