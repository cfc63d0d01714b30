package io.tandem.infra.audit.chain;

import io.tandem.infra.config.TandemProperties;
import io.tandem.infra.security.SigningKeys;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The key that seals checkpoints (HMAC-SHA256). It is kept outside the database ({@code
 * tandem.audit.chain.key}, or a file under the data directory), so someone who can only write the
 * database can recompute event hashes but not seal a rewritten chain. The key is never logged or
 * stored in the database; checkpoints carry only its {@link #id()}, a fingerprint that tells "another
 * key" apart from "a forged checkpoint".
 */
final class ChainKey {

    static final String KEY_FILE = "audit-chain.key";
    static final String PROPERTY = "tandem.audit.chain.key";
    private static final byte[] CHECKPOINT = "tandem.event-chain.checkpoint.v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_ID = "tandem.event-chain.key-id".getBytes(StandardCharsets.US_ASCII);

    private final SecretKey key;
    private final String id;

    private ChainKey(SecretKey key) {
        this.key = key;
        this.id = HexFormat.of().formatHex(mac(KEY_ID), 0, 8);
    }

    /** The configured key, else the key file, generated now if missing (the chainer's case). */
    static ChainKey forSealing(ChainProperties chain, TandemProperties tandem) {
        if (chain.key() != null && chain.key().startsWith("${")) {
            throw new IllegalStateException(PROPERTY + " is not set (the distributed profile reads it from "
                    + chain.key().substring(2, chain.key().length() - 1) + ")");
        }
        return new ChainKey(SigningKeys.resolve(chain.key(), PROPERTY, tandem, KEY_FILE));
    }

    /** The configured key, else the key file if it exists: a verification never makes up a key. */
    static Optional<ChainKey> forChecking(ChainProperties chain, TandemProperties tandem) {
        boolean configured = chain.key() != null && !chain.key().isBlank();
        if (!configured && !Files.exists(tandem.dataDir().toAbsolutePath().normalize().resolve(KEY_FILE))) {
            return Optional.empty();
        }
        return Optional.of(forSealing(chain, tandem));
    }

    String id() {
        return id;
    }

    /** The seal of one checkpoint: what it covers and the cumulative hash up to it. */
    byte[] seal(long ordinal, long upTo, long count, byte[] cumulative) {
        ByteBuffer content = ByteBuffer.allocate(CHECKPOINT.length + 24 + cumulative.length);
        content.put(CHECKPOINT).putLong(ordinal).putLong(upTo).putLong(count).put(cumulative);
        return mac(content.array());
    }

    private byte[] mac(byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "ChainKey[" + id + "]";
    }
}
