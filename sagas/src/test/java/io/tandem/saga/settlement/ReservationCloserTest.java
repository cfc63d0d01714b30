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
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

class ReservationCloserTest {

    private static final AccountId ACCOUNT = AccountId.of("acc-1");
    private static final OrderId ORDER = OrderId.of("order-1");
    private static final Symbol ACME = Symbol.of("ACME");
    private static final Instant AT = Instant.parse("2025-01-01T10:00:00Z");

    private final CommandGateway commandGateway = mock(CommandGateway.class);
    private final ReservationCloser closer = new ReservationCloser(commandGateway);

    @Test
    void aFilledOrderClosesItsReservationWithItsFilledQuantity() {
        closer.on(new OrderFilledEvent(ACME, ORDER, ACCOUNT, Side.BUY, Quantity.ofLots(7), AT));

        verify(commandGateway).sendAndWait(new CloseReservationCommand(ACCOUNT, ORDER, Quantity.ofLots(7)));
    }

    @Test
    void aCancelledOrderClosesItsReservationWithWhatFilledBeforeTheCancel() {
        closer.on(new OrderCancelledEvent(ACME, ORDER, ACCOUNT, Side.SELL, Quantity.ofLots(2), Quantity.ofLots(3),
                CancelReason.IMMEDIATE_REMAINDER, AT));

        verify(commandGateway).sendAndWait(new CloseReservationCommand(ACCOUNT, ORDER, Quantity.ofLots(2)));
    }
}
