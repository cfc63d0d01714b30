package io.tandem.saga.settlement;

import io.tandem.contracts.account.CloseReservationCommand;
import io.tandem.contracts.orderbook.OrderCancelledEvent;
import io.tandem.contracts.orderbook.OrderFilledEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Gives back what a closed order no longer needs: when an order fills or is cancelled (by its
 * owner, or as an IOC/FOK/market remainder), its account releases the rest of the order's
 * reservation once every fill has settled. The account command is idempotent, so a redelivered
 * event is harmless; a failure propagates so that the processor retries the event rather than
 * leaving cash or a position held forever.
 * <p>
 * The handlers send commands, so they must not run again when the processor replays: a reset of
 * {@value #PROCESSING_GROUP} would otherwise resend a close for every order that ever closed.
 * {@link DisallowReplay} makes Axon skip them for events up to the position of the reset; events
 * after it are handled as usual. As long as no handler in the group allows replay, Axon refuses to
 * reset the processor at all ({@code supportsReset()} is false), which is just as safe.
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
    @DisallowReplay
    void on(OrderFilledEvent event) {
        commandGateway.sendAndWait(new CloseReservationCommand(event.accountId(), event.orderId(), event.filledQuantity()));
    }

    @EventHandler
    @DisallowReplay
    void on(OrderCancelledEvent event) {
        commandGateway.sendAndWait(new CloseReservationCommand(event.accountId(), event.orderId(), event.filledQuantity()));
    }
}
