package io.tandem.infra.payment;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * The webhook signature scheme: HMAC-SHA256, keyed with the provider's shared secret, over
 * {@code "<timestamp>.<raw body bytes>"}, sent hex-encoded in {@value #SIGNATURE_HEADER} with the
 * timestamp (epoch seconds) in {@value #TIMESTAMP_HEADER}.
 * <p>
 * Signing the timestamp with the body binds the two, so an attacker cannot refresh an old message's
 * timestamp; refusing timestamps further than the replay window from now (either way) makes a captured
 * message useless after that window. Within the window a replay verifies, and is harmless because a
 * payment ignores confirmations and failures once it is final. The signature is computed over the raw
 * bytes as received (never over re-serialized JSON) and compared in constant time.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-Tandem-Signature";
    public static final String TIMESTAMP_HEADER = "X-Tandem-Timestamp";
    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKey key;
    private final Duration replayWindow;
    private final Clock clock;

    public WebhookSignature(SecretKey key, Duration replayWindow, Clock clock) {
        this.key = key;
        this.replayWindow = replayWindow;
        this.clock = clock;
    }

    /** The hex signature of {@code body} sent at {@code epochSeconds}. */
    public String sign(long epochSeconds, byte[] body) {
        return HEX.formatHex(mac(epochSeconds, body));
    }

    /** The current time as the timestamp header carries it. */
    public long now() {
        return clock.instant().getEpochSecond();
    }

    /**
     * Accepts the request or refuses it with {@link ErrorCode#INVALID_SIGNATURE}: headers missing or
     * malformed, timestamp outside the replay window, or signature not matching.
     */
    public void verify(String timestamp, String signature, byte[] body) {
        if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) {
            throw invalid("missing " + SIGNATURE_HEADER + " or " + TIMESTAMP_HEADER + " header");
        }
        long sentAt;
        byte[] given;
        try {
            sentAt = Long.parseLong(timestamp.trim());
            given = HEX.parseHex(signature.trim().toLowerCase());
        } catch (IllegalArgumentException e) {
            throw invalid("malformed " + SIGNATURE_HEADER + " or " + TIMESTAMP_HEADER + " header");
        }
        if (!withinReplayWindow(sentAt)) {
            throw invalid("timestamp is outside the replay window of " + replayWindow);
        }
        if (!MessageDigest.isEqual(mac(sentAt, body == null ? new byte[0] : body), given)) {
            throw invalid("signature does not match");
        }
    }

    private boolean withinReplayWindow(long sentAt) {
        try {
            long ageSeconds = Math.abs(Math.subtractExact(now(), sentAt));
            return ageSeconds >= 0 && ageSeconds <= replayWindow.toSeconds();
        } catch (ArithmeticException e) {
            return false;
        }
    }

    private byte[] mac(long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static TandemException invalid(String detail) {
        return new TandemException(ErrorCode.INVALID_SIGNATURE, "Webhook rejected: " + detail);
    }
}
