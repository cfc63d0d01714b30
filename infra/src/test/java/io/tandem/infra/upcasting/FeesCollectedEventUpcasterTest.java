package io.tandem.infra.upcasting;

import io.tandem.contracts.account.FeesCollectedEvent;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.TradeId;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The upcaster on stored JSON: what revisions 1 and 2 wrote reads as revision 3. */
class FeesCollectedEventUpcasterTest {

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    private final FeesCollectedEventUpcaster upcaster = new FeesCollectedEventUpcaster();

    private IntermediateEventRepresentation stored(String type, String revision, String json) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Account", "platform-fees", 7,
                "event-1", Instant.EPOCH, type, revision, json.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        return new InitialEventRepresentation(entry, serializer);
    }

    private List<IntermediateEventRepresentation> upcast(IntermediateEventRepresentation representation) {
        return upcaster.upcast(Stream.of(representation)).toList();
    }

    private FeesCollectedEvent read(IntermediateEventRepresentation representation) {
        SerializedObject<byte[]> data = representation.getData(byte[].class);
        return serializer.deserialize(data);
    }

    @Test
    void aRevisionOnePayloadBecomesARunOfOneTrade() {
        List<IntermediateEventRepresentation> upcast = upcast(stored(FeesCollectedEventUpcaster.TYPE, "1",
                "{\"accountId\":\"platform-fees\",\"tradeId\":\"ACME-3\",\"amount\":4}"));

        assertThat(upcast).singleElement().satisfies(event -> {
            assertThat(event.getType().getRevision()).isEqualTo("3");
            assertThat(event.getAggregateIdentifier()).contains("platform-fees");
            assertThat(event.getSequenceNumber()).contains(7L);
            assertThat(read(event)).isEqualTo(new FeesCollectedEvent(AccountId.of("platform-fees"), TradeId.of("ACME-3"),
                    TradeId.of("ACME-3"), Cash.ofCents(4)));
        });
    }

    @Test
    void aRevisionTwoPayloadKeepsItsFirstTradeAndNamesItsLast() {
        List<IntermediateEventRepresentation> upcast = upcast(stored(FeesCollectedEventUpcaster.TYPE, "2",
                "{\"accountId\":\"platform-fees\",\"tradeId\":\"ACME-9\",\"amount\":12,\"firstTradeId\":\"ACME-4\"}"));

        assertThat(read(upcast.get(0))).isEqualTo(new FeesCollectedEvent(AccountId.of("platform-fees"),
                TradeId.of("ACME-4"), TradeId.of("ACME-9"), Cash.ofCents(12)));
        assertThat(upcast.get(0).getData(com.fasterxml.jackson.databind.JsonNode.class).getData().has("tradeId")).isFalse();
    }

    @Test
    void aRevisionTwoPayloadWithANullFirstTradeIsARunOfOne() {
        List<IntermediateEventRepresentation> upcast = upcast(stored(FeesCollectedEventUpcaster.TYPE, "2",
                "{\"accountId\":\"platform-fees\",\"tradeId\":\"ACME-2\",\"amount\":1,\"firstTradeId\":null}"));

        assertThat(read(upcast.get(0)).firstTradeId()).isEqualTo(TradeId.of("ACME-2"));
    }

    @Test
    void revisionThreeAndOtherEventsPassUntouched() {
        IntermediateEventRepresentation current = stored(FeesCollectedEventUpcaster.TYPE, "3",
                "{\"accountId\":\"platform-fees\",\"firstTradeId\":\"ACME-1\",\"lastTradeId\":\"ACME-2\",\"amount\":1}");
        IntermediateEventRepresentation other = stored("io.tandem.contracts.account.SupplyIssuedEvent", "1",
                "{\"accountId\":\"a\",\"symbol\":\"ACME\",\"quantity\":5}");

        assertThat(upcast(current)).containsExactly(current);
        assertThat(upcast(other)).containsExactly(other);
    }

    @Test
    void aRevisionThreePayloadWithoutItsEndsIsRefusedRatherThanReadAsNulls() {
        IntermediateEventRepresentation notUpcast = stored(FeesCollectedEventUpcaster.TYPE, "3",
                "{\"accountId\":\"platform-fees\",\"tradeId\":\"ACME-3\",\"amount\":4}");

        assertThatThrownBy(() -> read(notUpcast)).hasRootCauseInstanceOf(IllegalArgumentException.class);
    }
}
