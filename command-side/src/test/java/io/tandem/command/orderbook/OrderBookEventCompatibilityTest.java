package io.tandem.command.orderbook;

import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.orderbook.CancelReason;
import io.tandem.contracts.orderbook.InstrumentListedEvent;
import io.tandem.contracts.orderbook.OrderPlacedEvent;
import io.tandem.contracts.orderbook.OrderType;
import io.tandem.contracts.orderbook.TimeInForce;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import static io.tandem.command.orderbook.OrderBookTestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Order-book events stored before orders carried their owner and instruments their minimum order
 * notional (revision 1 of {@link OrderPlacedEvent} and {@link InstrumentListedEvent}) still load
 * through Axon's {@link JacksonSerializer}, and a book rebuilt from them behaves as documented.
 */
class OrderBookEventCompatibilityTest {

    private static final String LISTED_V1 = """
            {"symbol":"ACME","spec":{"symbol":"ACME","name":"Acme Corp","tickSize":0.01,"lotSize":1,
             "makerFeeRate":0.001,"takerFeeRate":0.002,"maxOrderQuantity":1000,"maxOrderNotional":5000000,
             "marketCollarRate":0.10},"issuerAccountId":"issuer","supply":1000000,"listedAt":"2025-01-02T10:00:00Z"}""";

    private static final String PLACED_V1 = """
            {"symbol":"ACME","orderId":"s1","accountId":"alice-savings","side":"SELL","type":"LIMIT","limitPrice":1000,
             "quantity":3,"timeInForce":"GTC","placedAt":"2025-01-02T10:00:01Z"}""";

    private final JacksonSerializer serializer = StoreSerializer.create();

    private <T> T revisionOne(String json, Class<T> type) {
        return serializer.deserialize(new SimpleSerializedObject<>(json, String.class,
                new SimpleSerializedType(type.getName(), "1")));
    }

    @Test
    void aRevisionOneListingHasTheDefaultMinimumOrderNotionalAndItsBookEnforcesIt() {
        InstrumentListedEvent listed = revisionOne(LISTED_V1, InstrumentListedEvent.class);

        assertThat(listed.spec().minOrderNotional()).isEqualTo(Cash.ofCents(100));
        assertThat(listed.spec()).isEqualTo(SPEC);
        OrderBookState book = OrderBookState.listed(listed);
        assertThatThrownBy(() -> OrderBookDecisions.place(book, gtc("b1", "alice", Side.BUY, 99, 1)))
                .isInstanceOfSatisfying(TandemException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.ORDER_NOTIONAL_TOO_SMALL));
    }

    @Test
    void aRevisionOneOrderHasNoOwnerAndSelfTradePreventionComparesItsAccountOnly() {
        OrderPlacedEvent old = revisionOne(PLACED_V1, OrderPlacedEvent.class);
        assertThat(old.owner()).isNull();
        assertThat(old.orderId()).isEqualTo(OrderId.of("s1"));

        OrderBookState book = OrderBookState.listed(listed());
        book.on(old);

        Decision sameUserOtherAccount = OrderBookDecisions.place(book,
                limit("b1", "alice", "alice", Side.BUY, 1000, 3, TimeInForce.GTC));
        assertThat(sameUserOtherAccount.result().filledQuantity()).isEqualTo(Quantity.ofLots(3));

        Decision sameAccount = OrderBookDecisions.place(book,
                limit("b2", "alice-savings", "alice", Side.BUY, 1000, 3, TimeInForce.GTC));
        assertThat(sameAccount.result().cancelReason()).isEqualTo(CancelReason.SELF_TRADE_PREVENTED);
    }

    @Test
    void aCurrentOrderKeepsItsOwnerThroughTheSerializer() {
        OrderPlacedEvent placed = new OrderPlacedEvent(ACME, OrderId.of("b1"), ISSUER, Side.BUY, OrderType.LIMIT,
                Price.ofTicks(1000), Quantity.ofLots(1), TimeInForce.GTC, T1, UserId.of("issuer-user"));

        SerializedObject<String> stored = serializer.serialize(placed, String.class);

        assertThat(stored.getType().getRevision()).isEqualTo("2");
        assertThat((OrderPlacedEvent) serializer.deserialize(stored)).isEqualTo(placed);
    }
}
