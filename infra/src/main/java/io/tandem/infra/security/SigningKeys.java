package io.tandem.infra.security;

import io.tandem.infra.config.TandemProperties;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Finds HMAC-SHA256 keys: the token signing key, and the same way any other shared secret (such as a
 * payment provider's webhook secret). A configured secret wins (every node of a deployment must share
 * it). Otherwise, in embedded mode, a random 256-bit key is generated once and kept in a file under the
 * data directory, so tokens and signatures stay valid across restarts.
 */
public final class SigningKeys {

    static final String KEY_FILE = "jwt-signing.key";
    static final int KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private SigningKeys() {
    }

    /** The token signing key: {@code tandem.security.jwt-secret}, or {@value #KEY_FILE} under the data dir. */
    public static SecretKey resolve(TandemProperties properties) {
        return resolve(properties.security().jwtSecret(), "tandem.security.jwt-secret", properties, KEY_FILE);
    }

    /**
     * An HMAC-SHA256 key from a configured secret (at least 32 bytes as UTF-8), or, when the secret is
     * blank, the key kept in {@code keyFile} under the data directory (generated on first use).
     *
     * @param property the secret's property name, for the error message when it is too short
     */
    public static SecretKey resolve(String secret, String property, TandemProperties properties, String keyFile) {
        if (secret != null && !secret.isBlank()) {
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < KEY_BYTES) {
                throw new IllegalStateException(property + " must be at least " + KEY_BYTES
                        + " bytes (256 bits) for HMAC-SHA256");
            }
            return new SecretKeySpec(bytes, ALGORITHM);
        }
        return new SecretKeySpec(loadOrCreate(properties.ensureDataDir().resolve(keyFile)), ALGORITHM);
    }

    private static byte[] loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
                if (key.length < KEY_BYTES) {
                    throw new IllegalStateException(file + " holds a key shorter than " + KEY_BYTES + " bytes");
                }
                return key;
            }
            byte[] key = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(key);
            write(file, Base64.getEncoder().encodeToString(key));
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the signing key " + file, e);
        }
    }

    /** Writes owner-readable only (where the file system knows POSIX permissions), then moves into place. */
    private static void write(Path file, String content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(temp);
        }
        Files.writeString(temp, content, StandardCharsets.US_ASCII);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file);
        }
    }
}
