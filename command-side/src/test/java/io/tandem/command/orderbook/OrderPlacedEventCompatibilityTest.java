package io.tandem.command.orderbook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.orderbook.OrderPlacedEvent;
import io.tandem.contracts.orderbook.OrderType;
import io.tandem.contracts.orderbook.TimeInForce;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders placed before the client order id was recorded (revision 1) still read from the event store,
 * without one, through the Jackson serializer the store uses.
 */
class OrderPlacedEventCompatibilityTest {

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(json).build();

    @Test
    void aRevisionOnePayloadReadsWithoutAClientOrderId() throws Exception {
        OrderPlacedEvent event = serializer.deserialize(new SimpleSerializedObject<>("""
                {"symbol":"ACME","orderId":"o-1","accountId":"acc-1","side":"BUY","type":"LIMIT","limitPrice":1000,
                 "quantity":40,"timeInForce":"GTC","placedAt":"2026-01-02T03:04:05Z"}""", String.class,
                OrderPlacedEvent.class.getName(), "1"));

        assertThat(event).isEqualTo(new OrderPlacedEvent(Symbol.of("ACME"), OrderId.of("o-1"), AccountId.of("acc-1"), Side.BUY,
                OrderType.LIMIT, Price.ofTicks(1000), Quantity.ofLots(40), TimeInForce.GTC, Instant.parse("2026-01-02T03:04:05Z"), null));
        assertThat(event.clientOrderId()).isNull();
        assertThat(event.owner()).isNull();
    }

    @Test
    void theClientOrderIdSurvivesARoundTripInRevisionTwo() throws Exception {
        OrderPlacedEvent placed = new OrderPlacedEvent(Symbol.of("ACME"), OrderId.of("o-1"), AccountId.of("acc-1"), Side.SELL,
                OrderType.MARKET, Price.ofTicks(900), Quantity.ofLots(5), TimeInForce.IOC, Instant.parse("2026-01-02T03:04:05Z"),
                UserId.of("alice"), "client-7");

        OrderPlacedEvent read = serializer.deserialize(serializer.serialize(placed, String.class));

        assertThat(read).isEqualTo(placed);
        assertThat(OrderPlacedEvent.class.getAnnotation(Revision.class).value()).isEqualTo("2");
    }
}
