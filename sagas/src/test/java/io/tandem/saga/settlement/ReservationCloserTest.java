package io.tandem.saga.settlement;

import io.tandem.contracts.account.CloseReservationCommand;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.orderbook.CancelReason;
import io.tandem.contracts.orderbook.OrderCancelledEvent;
import io.tandem.contracts.orderbook.OrderFilledEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

class ReservationCloserTest {

    private static final AccountId ACCOUNT = AccountId.of("acc-1");
    private static final OrderId ORDER = OrderId.of("order-1");
    private static final Symbol ACME = Symbol.of("ACME");
    private static final Instant AT = Instant.parse("2025-01-01T10:00:00Z");

    /** A reset at position 10 replays the events up to it; position 5 is one of them, 11 is not. */
    private static final TrackingToken REPLAYING = ReplayToken.createReplayToken(
            new GlobalSequenceTrackingToken(10), new GlobalSequenceTrackingToken(5));
    private static final TrackingToken LIVE = new GlobalSequenceTrackingToken(11);

    private final CommandGateway commandGateway = mock(CommandGateway.class);
    private final ReservationCloser closer = new ReservationCloser(commandGateway);
    /** The closer as its processor invokes it, through Axon's handler enhancers (replay blocking among them). */
    private final AnnotationEventHandlerAdapter processor = new AnnotationEventHandlerAdapter(closer);

    private static OrderFilledEvent filled() {
        return new OrderFilledEvent(ACME, ORDER, ACCOUNT, Side.BUY, Quantity.ofLots(7), AT);
    }

    private static OrderCancelledEvent cancelled() {
        return new OrderCancelledEvent(ACME, ORDER, ACCOUNT, Side.SELL, Quantity.ofLots(2), Quantity.ofLots(3),
                CancelReason.IMMEDIATE_REMAINDER, AT);
    }

    private void deliver(TrackingToken token, Object event) throws Exception {
        processor.handle(new GenericTrackedEventMessage<>(token, GenericEventMessage.asEventMessage(event)));
    }

    @Test
    void aFilledOrderClosesItsReservationWithItsFilledQuantity() {
        closer.on(filled());

        verify(commandGateway).sendAndWait(new CloseReservationCommand(ACCOUNT, ORDER, Quantity.ofLots(7)));
    }

    @Test
    void aCancelledOrderClosesItsReservationWithWhatFilledBeforeTheCancel() {
        closer.on(cancelled());

        verify(commandGateway).sendAndWait(new CloseReservationCommand(ACCOUNT, ORDER, Quantity.ofLots(2)));
    }

    @Test
    void aFillAfterTheResetPositionClosesTheReservation() throws Exception {
        deliver(LIVE, filled());

        verify(commandGateway).sendAndWait(new CloseReservationCommand(ACCOUNT, ORDER, Quantity.ofLots(7)));
    }

    @Test
    void aReplayedFillClosesNothingAgain() throws Exception {
        assertThat(ReplayToken.isReplay(REPLAYING)).isTrue();

        deliver(REPLAYING, filled());

        verify(commandGateway, never()).sendAndWait(any());
    }

    @Test
    void aProcessorWithOnlyTheseHandlersRefusesAReset() {
        assertThat(processor.supportsReset()).isFalse();
    }

    @Test
    void aReplayedCancelClosesNothingAgain() throws Exception {
        deliver(REPLAYING, cancelled());

        verify(commandGateway, never()).sendAndWait(any());
    }
}
