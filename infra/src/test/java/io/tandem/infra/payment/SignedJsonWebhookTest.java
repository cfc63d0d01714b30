package io.tandem.infra.payment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.payment.PaymentId;
import io.tandem.saga.payment.ProviderStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignedJsonWebhookTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final WebhookSignature signature = new WebhookSignature(
            new SecretKeySpec("a-webhook-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
            Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));
    private final SignedJsonWebhook webhook = new SignedJsonWebhook("simulator", signature, new ObjectMapper());

    private ProviderNotice read(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpHeaders headers = new HttpHeaders();
        headers.set(WebhookSignature.TIMESTAMP_HEADER, Long.toString(NOW.getEpochSecond()));
        headers.set(WebhookSignature.SIGNATURE_HEADER, signature.sign(NOW.getEpochSecond(), bytes));
        return webhook.read(headers, bytes);
    }

    @Test
    void confirmedNoticeCarriesTheProvidersReference() {
        assertThat(read("""
                {"paymentId":"dep-1","status":"CONFIRMED","reference":"sim-dep-1"}"""))
                .isEqualTo(new ProviderNotice(PaymentId.of("dep-1"), ProviderStatus.confirmed("sim-dep-1")));
    }

    @Test
    void declinedNoticeCarriesTheReason() {
        assertThat(read("""
                {"paymentId":"dep-1","status":"DECLINED","reason":"CARD_DECLINED"}"""))
                .isEqualTo(new ProviderNotice(PaymentId.of("dep-1"), ProviderStatus.declined("CARD_DECLINED")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json",
            "[]",
            "{\"status\":\"CONFIRMED\",\"reference\":\"r\"}",
            "{\"paymentId\":\"dep-1\",\"status\":\"PENDING\"}",
            "{\"paymentId\":\"dep-1\",\"status\":\"CONFIRMED\"}",
            "{\"paymentId\":\"dep-1\",\"status\":\"DECLINED\"}",
            "{\"paymentId\":7,\"status\":\"CONFIRMED\",\"reference\":\"r\"}"})
    void authenticButUnintelligibleBodyIsMalformed(String body) {
        assertThatThrownBy(() -> read(body)).isInstanceOfSatisfying(TandemException.class,
                refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST));
    }

    @Test
    void unsignedBodyIsRejectedBeforeItIsRead() {
        assertThatThrownBy(() -> webhook.read(new HttpHeaders(), "not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(TandemException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE));
    }
}
