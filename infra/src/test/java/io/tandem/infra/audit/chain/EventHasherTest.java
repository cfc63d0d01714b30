package io.tandem.infra.audit.chain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventHasherTest {

    private static final StoredEvent EVENT = new StoredEvent(42, "event-1", "acc-1", 3, "Account",
            "2026-01-02T03:04:05.123Z", "io.tandem.contracts.account.AccountOpenedEvent", "1",
            bytes("{\"accountId\":\"acc-1\"}"), bytes("{\"who\":\"alice\"}"));

    private final EventHasher hasher = new EventHasher();

    @Test
    void theHashIsSha256OverTheLengthPrefixedFieldsInTheirOrder() throws Exception {
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        field(expected, bytes("tandem.event-chain.event.v1"));
        expected.update(EventHasher.NO_PREVIOUS);
        expected.update(HexFormat.of().parseHex("000000000000002a"));
        field(expected, bytes("acc-1"));
        field(expected, bytes("Account"));
        expected.update(HexFormat.of().parseHex("0000000000000003"));
        field(expected, bytes("event-1"));
        field(expected, bytes("2026-01-02T03:04:05.123Z"));
        field(expected, bytes("io.tandem.contracts.account.AccountOpenedEvent"));
        field(expected, bytes("1"));
        field(expected, bytes("{\"accountId\":\"acc-1\"}"));
        field(expected, bytes("{\"who\":\"alice\"}"));

        assertThat(hasher.hash(EventHasher.NO_PREVIOUS, EVENT)).isEqualTo(expected.digest());
    }

    @Test
    void everyFieldAndThePreviousHashChangeTheHash() {
        byte[] original = hasher.hash(EventHasher.NO_PREVIOUS, EVENT);
        byte[] previous = new byte[32];
        previous[31] = 1;

        assertThat(hasher.hash(previous, EVENT)).isNotEqualTo(original);
        for (UnaryOperator<StoredEvent> change : java.util.List.<UnaryOperator<StoredEvent>>of(
                e -> with(e, 43, e.eventIdentifier(), e.aggregateIdentifier(), e.sequenceNumber(), e.aggregateType(), e.payloadRevision(), e.payload()),
                e -> with(e, e.globalIndex(), "event-2", e.aggregateIdentifier(), e.sequenceNumber(), e.aggregateType(), e.payloadRevision(), e.payload()),
                e -> with(e, e.globalIndex(), e.eventIdentifier(), "acc-2", e.sequenceNumber(), e.aggregateType(), e.payloadRevision(), e.payload()),
                e -> with(e, e.globalIndex(), e.eventIdentifier(), e.aggregateIdentifier(), 4, e.aggregateType(), e.payloadRevision(), e.payload()),
                e -> with(e, e.globalIndex(), e.eventIdentifier(), e.aggregateIdentifier(), e.sequenceNumber(), "OrderBook", e.payloadRevision(), e.payload()),
                e -> with(e, e.globalIndex(), e.eventIdentifier(), e.aggregateIdentifier(), e.sequenceNumber(), e.aggregateType(), "2", e.payload()),
                e -> with(e, e.globalIndex(), e.eventIdentifier(), e.aggregateIdentifier(), e.sequenceNumber(), e.aggregateType(), e.payloadRevision(), bytes("{\"accountId\":\"acc-9\"}")))) {
            assertThat(hasher.hash(EventHasher.NO_PREVIOUS, change.apply(EVENT))).isNotEqualTo(original);
        }
        assertThat(hasher.hash(EventHasher.NO_PREVIOUS, EVENT)).as("the same row, the same hash").isEqualTo(original);
    }

    @Test
    void fieldsCannotRunIntoEachOtherAndNullIsNotEmpty() {
        StoredEvent ab = new StoredEvent(1, "e", "ab", 0, "c", "t", "p", null, new byte[0], null);
        StoredEvent a = new StoredEvent(1, "e", "a", 0, "bc", "t", "p", null, new byte[0], null);
        StoredEvent emptyRevision = new StoredEvent(1, "e", "ab", 0, "c", "t", "p", "", new byte[0], null);
        StoredEvent emptyMetaData = new StoredEvent(1, "e", "ab", 0, "c", "t", "p", null, new byte[0], new byte[0]);

        assertThat(hasher.hash(EventHasher.NO_PREVIOUS, ab)).isNotEqualTo(hasher.hash(EventHasher.NO_PREVIOUS, a))
                .isNotEqualTo(hasher.hash(EventHasher.NO_PREVIOUS, emptyRevision))
                .isNotEqualTo(hasher.hash(EventHasher.NO_PREVIOUS, emptyMetaData));
    }

    @Test
    void aPreviousHashMustBe32Bytes() {
        assertThatThrownBy(() -> hasher.hash(new byte[31], EVENT)).isInstanceOf(IllegalArgumentException.class);
    }

    private static StoredEvent with(StoredEvent e, long globalIndex, String eventId, String aggregate, long sequence,
                                    String type, String revision, byte[] payload) {
        return new StoredEvent(globalIndex, eventId, aggregate, sequence, type, e.timeStamp(), e.payloadType(), revision,
                payload, e.metaData());
    }

    private static void field(MessageDigest digest, byte[] value) {
        digest.update(java.nio.ByteBuffer.allocate(4).putInt(value.length).array());
        digest.update(value);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
