package io.tandem.saga.settlement;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.contracts.account.BuySettledEvent;
import io.tandem.contracts.common.*;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The saga store keeps sagas as JSON; a half-settled saga must come back exactly as it was. */
class SettlementSagaSerializationTest {

    private static final TradeId TRADE = TradeId.of("ACME-1");

    @Test
    void aHalfSettledSagaSurvivesAJacksonRoundTrip() {
        SettlementSaga saga = halfSettledSaga();
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(new ObjectMapper().findAndRegisterModules()).build();

        SerializedObject<String> stored = serializer.serialize(saga, String.class);
        SettlementSaga restored = serializer.deserialize(stored);

        assertThat(stored.getData()).contains("\"tradeId\":\"ACME-1\"", "\"buySettled\":true");
        assertThat(restored).usingRecursiveComparison().isEqualTo(saga);
    }

    private static SettlementSaga halfSettledSaga() {
        CommandGateway gateway = mock(CommandGateway.class);
        when(gateway.send(any())).thenReturn(CompletableFuture.completedFuture(null));
        DeadlineManager deadlines = mock(DeadlineManager.class);
        AccountId buyer = AccountId.of("acc-buyer");
        OrderId buyOrder = OrderId.of("buy-order");
        Quantity five = Quantity.ofLots(5);
        SettlementSaga saga = new SettlementSaga();
        saga.on(new TradeExecutedEvent(Symbol.of("ACME"), TRADE, Price.ofTicks(1_000), five, Side.BUY,
                OrderId.of("sell-order"), buyOrder, buyer, buyOrder, AccountId.of("acc-seller"), OrderId.of("sell-order"),
                Cash.ofCents(5_000), Cash.ofCents(10), Cash.ofCents(5_000), Cash.ofCents(5), true, true,
                Instant.parse("2025-01-01T10:00:00Z")), gateway, deadlines, new SettlementProperties("platform-fees", Duration.ofSeconds(30)));
        saga.on(new BuySettledEvent(buyer, TRADE, buyOrder, Symbol.of("ACME"), five, Cash.ofCents(5_000), Cash.ofCents(10)),
                deadlines);
        return saga;
    }
}
