package io.tandem.infra.audit.chain;

import java.security.MessageDigest;

/**
 * The running hash between two checkpoints: the previous checkpoint's cumulative hash (zeros before the
 * first), then each chain row in global order as its global index and event hash. The indexes are in it,
 * so a chain row removed, added or moved changes it as much as a changed hash does.
 */
final class CumulativeHash {

    private final MessageDigest digest = EventHasher.sha256();
    private final byte[] number = new byte[8];
    private long count;

    CumulativeHash(byte[] previous) {
        digest.update(previous);
    }

    void add(long globalIndex, byte[] eventHash) {
        long value = globalIndex;
        for (int i = 7; i >= 0; i--) {
            number[i] = (byte) value;
            value >>>= 8;
        }
        digest.update(number);
        digest.update(eventHash);
        count++;
    }

    long count() {
        return count;
    }

    byte[] finish() {
        return digest.digest();
    }
}
