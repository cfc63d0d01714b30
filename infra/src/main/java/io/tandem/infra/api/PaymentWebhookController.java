package io.tandem.infra.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.command.payment.PaymentEntry;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.payment.PaymentStatus;
import io.tandem.infra.limits.RequestBodyLimits;
import io.tandem.infra.payment.PaymentWebhook;
import io.tandem.infra.payment.PaymentWebhooks;
import io.tandem.infra.payment.ProviderNotice;
import io.tandem.saga.payment.ProviderStatus;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;

/**
 * Where payment providers tell us a payment completed. There is no bearer token: the provider proves
 * itself by signing the raw request body with the secret it shares with us, checked by the provider's
 * {@link io.tandem.infra.payment.PaymentWebhook} before anything is read.
 * <p>
 * The notice reaches the payment as an answer from the provider in the path, whose secret verified
 * it: a payment takes answers only from the provider it was requested through, and refuses any other
 * exactly as it refuses an unknown payment, so a provider can neither settle nor probe another
 * provider's payments.
 * <p>
 * Answers: 200 once the notice is recorded, also for a duplicate, a replay within the window or a
 * notice that arrives after the payment was already settled the other way (the payment ignores
 * confirmations and failures once final, so these move nothing; one that contradicts the final
 * status is recorded as a conflict for an operator); 401 INVALID_SIGNATURE for a missing, wrong or
 * stale signature; 404 for an unknown provider, an unknown payment or another provider's payment (a
 * provider retries on 404); 413 PAYLOAD_TOO_LARGE for a body above {@code tandem.limits.webhook-body}
 * (64 KiB), refused by {@link io.tandem.infra.limits.RequestBodyLimitFilter} before it is read.
 * <p>
 * The signature covers the whole body, so the body has to be held to be checked, but never more of
 * it than the limit: a body that declares a larger length is refused unread, one without a length
 * (chunked) is read by the filter only up to the limit, and this endpoint reads a declared body only
 * once the provider in the path is known.
 */
@RestController
@Tag(name = "payments")
public class PaymentWebhookController {

    static final String PATH = "/api/v1/payments/webhooks/{provider}";

    private final PaymentWebhooks webhooks;
    private final PaymentEntry paymentEntry;
    private final Clock clock;
    private final long maxBody;

    public PaymentWebhookController(PaymentWebhooks webhooks, PaymentEntry paymentEntry, Clock clock,
                                    RequestBodyLimits limits) {
        this.webhooks = webhooks;
        this.paymentEntry = paymentEntry;
        this.clock = clock;
        this.maxBody = limits.webhookBody().toBytes();
    }

    @PostMapping(PATH)
    @MissingAggregate(ErrorCode.PAYMENT_NOT_FOUND)
    @Operation(summary = "Payment provider webhook (HMAC-signed, no bearer token)")
    public WebhookResponse receive(@PathVariable String provider, @RequestHeader HttpHeaders headers,
                                   InputStream body) throws IOException {
        PaymentWebhook webhook = webhooks.get(provider);
        ProviderNotice notice = webhook.read(headers, bounded(body));
        ProviderStatus status = notice.status();
        Instant now = clock.instant();
        PaymentStatus current = status.kind() == ProviderStatus.Kind.CONFIRMED
                ? paymentEntry.confirm(notice.paymentId(), provider, status.reference(), now)
                : paymentEntry.fail(notice.paymentId(), provider, status.reason(), now);
        return new WebhookResponse(notice.paymentId().value(), current.name());
    }

    private byte[] bounded(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(Math.toIntExact(maxBody + 1));
        if (bytes.length > maxBody) {
            throw new TandemException(ErrorCode.PAYLOAD_TOO_LARGE, "The webhook body is larger than " + maxBody + " bytes");
        }
        return bytes;
    }

    /** The payment's status after the notice: for a late or duplicate notice, the status it already had. */
    public record WebhookResponse(String paymentId, String status) {
    }
}
