package io.tandem.infra.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.payment.PaymentId;
import io.tandem.saga.payment.ProviderStatus;
import org.springframework.http.HttpHeaders;

import java.io.IOException;

/**
 * Webhooks in Tandem's own format, signed per {@link WebhookSignature}: a JSON body
 * {@code {"paymentId","status":"CONFIRMED|DECLINED","reference","reason"}}, where CONFIRMED needs the
 * provider's {@code reference} and DECLINED a {@code reason}. The signature is checked before a single
 * byte of the body is parsed.
 */
public final class SignedJsonWebhook implements PaymentWebhook {

    private static final int MAX_FIELD_LENGTH = 200;

    private final String provider;
    private final WebhookSignature signature;
    private final ObjectMapper json;

    public SignedJsonWebhook(String provider, WebhookSignature signature, ObjectMapper json) {
        this.provider = provider;
        this.signature = signature;
        this.json = json;
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public ProviderNotice read(HttpHeaders headers, byte[] body) {
        signature.verify(headers.getFirst(WebhookSignature.TIMESTAMP_HEADER),
                headers.getFirst(WebhookSignature.SIGNATURE_HEADER), body);
        JsonNode notice = parse(body);
        PaymentId paymentId = PaymentId.of(field(notice, "paymentId"));
        String status = field(notice, "status");
        return switch (status) {
            case "CONFIRMED" -> new ProviderNotice(paymentId, ProviderStatus.confirmed(field(notice, "reference")));
            case "DECLINED" -> new ProviderNotice(paymentId, ProviderStatus.declined(field(notice, "reason")));
            default -> throw malformed("status must be CONFIRMED or DECLINED");
        };
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode node = body == null ? null : json.readTree(body);
            if (node == null || !node.isObject()) {
                throw malformed("the body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw malformed("the body is not JSON");
        }
    }

    private static String field(JsonNode notice, String name) {
        JsonNode value = notice.path(name);
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > MAX_FIELD_LENGTH) {
            throw malformed(name + " is required (text of at most " + MAX_FIELD_LENGTH + " characters)");
        }
        return value.asText().trim();
    }

    private static TandemException malformed(String detail) {
        return new TandemException(ErrorCode.MALFORMED_REQUEST, "Webhook body: " + detail);
    }
}
