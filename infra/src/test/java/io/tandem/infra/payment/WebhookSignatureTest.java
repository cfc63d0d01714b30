package io.tandem.infra.payment;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import org.junit.jupiter.api.Test;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSignatureTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final byte[] BODY = """
            {"paymentId":"dep-1","status":"CONFIRMED","reference":"sim-dep-1"}""".getBytes(StandardCharsets.UTF_8);

    private final WebhookSignature signature = at(NOW);

    private static WebhookSignature at(Instant now) {
        return new WebhookSignature(new SecretKeySpec("a-webhook-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8),
                "HmacSHA256"), WINDOW, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static void assertRejected(Runnable verification) {
        assertThatThrownBy(verification::run).isInstanceOfSatisfying(TandemException.class,
                refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE));
    }

    @Test
    void signatureOverTimestampAndRawBodyVerifies() {
        long sentAt = NOW.getEpochSecond();
        String hex = signature.sign(sentAt, BODY);

        assertThatCode(() -> signature.verify(Long.toString(sentAt), hex, BODY)).doesNotThrowAnyException();
    }

    @Test
    void signatureInUpperCaseHexVerifies() {
        long sentAt = NOW.getEpochSecond();

        assertThatCode(() -> signature.verify(Long.toString(sentAt), signature.sign(sentAt, BODY).toUpperCase(), BODY))
                .doesNotThrowAnyException();
    }

    @Test
    void alteredBodyIsRejected() {
        long sentAt = NOW.getEpochSecond();
        String hex = signature.sign(sentAt, BODY);
        byte[] altered = new String(BODY, StandardCharsets.UTF_8).replace("CONFIRMED", "DECLINED").getBytes(StandardCharsets.UTF_8);

        assertRejected(() -> signature.verify(Long.toString(sentAt), hex, altered));
    }

    @Test
    void signatureMadeWithAnotherSecretIsRejected() {
        long sentAt = NOW.getEpochSecond();
        WebhookSignature forger = new WebhookSignature(new SecretKeySpec(
                "not-the-secret-we-share-with-the-provider".getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
                WINDOW, Clock.fixed(NOW, ZoneOffset.UTC));

        assertRejected(() -> signature.verify(Long.toString(sentAt), forger.sign(sentAt, BODY), BODY));
    }

    @Test
    void missingOrMalformedHeadersAreRejected() {
        long sentAt = NOW.getEpochSecond();
        String hex = signature.sign(sentAt, BODY);

        assertRejected(() -> signature.verify(null, hex, BODY));
        assertRejected(() -> signature.verify(Long.toString(sentAt), null, BODY));
        assertRejected(() -> signature.verify("yesterday", hex, BODY));
        assertRejected(() -> signature.verify(Long.toString(sentAt), "not-hex", BODY));
        assertRejected(() -> signature.verify(Long.toString(Long.MIN_VALUE), hex, BODY));
    }

    @Test
    void staleTimestampIsRejectedEvenWithAValidSignature() {
        long sentAt = NOW.minus(WINDOW).minusSeconds(1).getEpochSecond();

        assertRejected(() -> signature.verify(Long.toString(sentAt), signature.sign(sentAt, BODY), BODY));
    }

    @Test
    void timestampTooFarInTheFutureIsRejected() {
        long sentAt = NOW.plus(WINDOW).plusSeconds(1).getEpochSecond();

        assertRejected(() -> signature.verify(Long.toString(sentAt), signature.sign(sentAt, BODY), BODY));
    }

    @Test
    void genuineWebhookReplayedAfterTheWindowIsRejected() {
        long sentAt = NOW.getEpochSecond();
        String hex = signature.sign(sentAt, BODY);

        WebhookSignature later = at(NOW.plus(WINDOW).plusSeconds(1));

        assertRejected(() -> later.verify(Long.toString(sentAt), hex, BODY));
    }

    @Test
    void replayWithARefreshedTimestampIsRejectedBecauseTheTimestampIsSigned() {
        long sentAt = NOW.minus(Duration.ofHours(1)).getEpochSecond();
        String capturedSignature = signature.sign(sentAt, BODY);

        assertRejected(() -> signature.verify(Long.toString(NOW.getEpochSecond()), capturedSignature, BODY));
    }

    @Test
    void genuineWebhookReplayedWithinTheWindowVerifiesAndIsLeftToThePaymentsIdempotency() {
        long sentAt = NOW.getEpochSecond();
        String hex = signature.sign(sentAt, BODY);

        WebhookSignature aMinuteLater = at(NOW.plusSeconds(60));

        assertThatCode(() -> aMinuteLater.verify(Long.toString(sentAt), hex, BODY)).doesNotThrowAnyException();
    }
}
