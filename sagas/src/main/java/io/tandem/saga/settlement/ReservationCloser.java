package io.tandem.saga.settlement;

import io.tandem.contracts.account.CloseReservationCommand;
import io.tandem.contracts.orderbook.OrderCancelledEvent;
import io.tandem.contracts.orderbook.OrderFilledEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Gives back what a closed order no longer needs: when an order fills or is cancelled (by its
 * owner, or as an IOC/FOK/market remainder), its account releases the rest of the order's
 * reservation once every fill has settled. The account command is idempotent, so a redelivered
 * event is harmless; a failure propagates so that the processor retries the event rather than
 * leaving cash or a position held forever.
 */
@Component
@ProcessingGroup(ReservationCloser.PROCESSING_GROUP)
public class ReservationCloser {

    public static final String PROCESSING_GROUP = "reservation-release";

    private final CommandGateway commandGateway;

    public ReservationCloser(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @EventHandler
    void on(OrderFilledEvent event) {
        commandGateway.sendAndWait(new CloseReservationCommand(event.accountId(), event.orderId(), event.filledQuantity()));
    }

    @EventHandler
    void on(OrderCancelledEvent event) {
        commandGateway.sendAndWait(new CloseReservationCommand(event.accountId(), event.orderId(), event.filledQuantity()));
    }
}
