package io.tandem.infra.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hash of one event in its aggregate stream: SHA-256 over a canonical encoding of the previous
 * event's hash in the stream and every column of the stored row. The encoding starts with a format tag
 * (so that it can change one day without ambiguity), then writes each field with its length in front
 * (an absent one with length -1), so that no two different rows encode alike: "ab"+"c" is not
 * "a"+"bc", and null is not the empty string. Numbers are 8 bytes big-endian.
 * <p>
 * The global index is hashed too, beside the fields of the event itself: the hash then names the row
 * completely, and an event moved to another position no longer matches the hash recorded there.
 * <p>
 * Not thread-safe (one digest and one buffer, reused for every event); each chainer or verification
 * run has its own.
 */
final class EventHasher {

    /** The previous hash of a stream's first event. */
    static final byte[] NO_PREVIOUS = new byte[32];
    static final int HASH_BYTES = 32;
    private static final byte[] FORMAT = "tandem.event-chain.event.v1".getBytes(StandardCharsets.US_ASCII);

    private final MessageDigest digest = sha256();
    private final byte[] number = new byte[8];

    byte[] hash(byte[] previous, StoredEvent event) {
        if (previous.length != HASH_BYTES) {
            throw new IllegalArgumentException("a previous hash has " + HASH_BYTES + " bytes, not " + previous.length);
        }
        digest.reset();
        bytes(FORMAT);
        digest.update(previous);
        number(event.globalIndex());
        text(event.aggregateIdentifier());
        text(event.aggregateType());
        number(event.sequenceNumber());
        text(event.eventIdentifier());
        text(event.timeStamp());
        text(event.payloadType());
        text(event.payloadRevision());
        bytes(event.payload());
        bytes(event.metaData());
        return digest.digest();
    }

    private void text(String value) {
        bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private void bytes(byte[] value) {
        if (value == null) {
            length(-1);
        } else {
            length(value.length);
            digest.update(value);
        }
    }

    private void length(int value) {
        number[0] = (byte) (value >>> 24);
        number[1] = (byte) (value >>> 16);
        number[2] = (byte) (value >>> 8);
        number[3] = (byte) value;
        digest.update(number, 0, 4);
    }

    private void number(long value) {
        for (int i = 7; i >= 0; i--) {
            number[i] = (byte) value;
            value >>>= 8;
        }
        digest.update(number, 0, 8);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
