package io.tandem.saga.settlement;

import io.tandem.contracts.account.CloseReservationCommand;
import io.tandem.contracts.account.CollectFeesCommand;
import io.tandem.contracts.account.SettleBuyCommand;
import io.tandem.contracts.account.SettleSellCommand;
import io.tandem.contracts.common.*;
import io.tandem.contracts.orderbook.OrderFilledEvent;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * What settlement sends for a batch of book events: both legs of every trade in order, each order's
 * close after its fills, and the fees of the batch once per book at its last event, with the
 * zero-credit runs left out.
 */
class SettlementProcessorTest {

    private static final Instant AT = Instant.parse("2025-01-01T10:00:00Z");
    private static final AccountId FEES = AccountId.of("fees");

    private final CommandGateway gateway = mock(CommandGateway.class);
    private final SettlementProcessor processor = new SettlementProcessor(gateway, new SettlementProperties(FEES.value()));

    private static TradeExecutedEvent trade(String symbol, long sequence, long platformCredit) {
        return new TradeExecutedEvent(Symbol.of(symbol), TradeId.of(Symbol.of(symbol), sequence), Price.ofTicks(1_000),
                Quantity.ofLots(5), Side.BUY, OrderId.of("sell"), OrderId.of("buy"), AccountId.of("buyer"), OrderId.of("buy"),
                AccountId.of("seller"), OrderId.of("sell"), Cash.ofCents(5_000 + platformCredit), Cash.ofCents(0),
                Cash.ofCents(5_000), Cash.ofCents(0), false, false, AT);
    }

    private List<Object> runBatch(Object... events) {
        List<EventMessage<?>> messages = new ArrayList<>();
        for (Object event : events) {
            messages.add(GenericEventMessage.asEventMessage(event));
        }
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(messages);
        batch.executeWithResult(() -> {
            Object payload = batch.getMessage().getPayload();
            if (payload instanceof TradeExecutedEvent trade) {
                processor.on(trade);
            } else if (payload instanceof OrderFilledEvent filled) {
                processor.on(filled);
            }
            return null;
        });
        ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
        verify(gateway, atLeastOnce()).sendAndWait(sent.capture());
        return sent.getAllValues();
    }

    @Test
    void aBatchCollectsItsFeesOncePerBookAtItsLastEvent() {
        OrderFilledEvent filled = new OrderFilledEvent(Symbol.of("BBB"), OrderId.of("buy"), AccountId.of("buyer"), Side.BUY,
                Quantity.ofLots(5), AT);
        List<Object> sent = runBatch(trade("AAA", 1, 3), trade("BBB", 7, 0), trade("AAA", 2, 4), trade("BBB", 8, 2), filled);

        assertThat(sent).filteredOn(CollectFeesCommand.class::isInstance).containsExactly(
                new CollectFeesCommand(FEES, TradeId.of("AAA-1"), List.of(Cash.ofCents(3), Cash.ofCents(4))),
                new CollectFeesCommand(FEES, TradeId.of("BBB-7"), List.of(Cash.ofCents(0), Cash.ofCents(2))));
        assertThat(sent.subList(sent.size() - 3, sent.size())).first().isInstanceOf(CloseReservationCommand.class);
        assertThat(sent).filteredOn(SettleBuyCommand.class::isInstance).extracting(c -> ((SettleBuyCommand) c).tradeId())
                .containsExactly(TradeId.of("AAA-1"), TradeId.of("BBB-7"), TradeId.of("AAA-2"), TradeId.of("BBB-8"));
        assertThat(sent).filteredOn(SettleSellCommand.class::isInstance).hasSize(4);
    }

    @Test
    void tradesOfABookThatSkipASequenceFailTheBatchRatherThanMisattributeFees() {
        List<EventMessage<?>> messages = List.of(GenericEventMessage.asEventMessage(trade("AAA", 1, 3)),
                GenericEventMessage.asEventMessage(trade("AAA", 3, 4)));
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(messages);
        var result = batch.executeWithResult(() -> {
            processor.on((TradeExecutedEvent) batch.getMessage().getPayload());
            return null;
        });
        assertThat(result.isExceptional()).isTrue();
        assertThat(result.exceptionResult()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aBatchWhoseTradesCreditNothingCollectsNothing() {
        List<Object> sent = runBatch(trade("AAA", 1, 0), trade("AAA", 2, 0));

        assertThat(sent).noneMatch(CollectFeesCommand.class::isInstance).hasSize(4);
    }
}
