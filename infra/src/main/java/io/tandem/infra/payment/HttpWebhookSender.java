package io.tandem.infra.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.saga.payment.ProviderStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends a simulated provider's webhooks the way a real provider does: a signed JSON POST over real
 * HTTP, here to this application's own webhook endpoint. The target is the configured URL, or else
 * {@code http://127.0.0.1:<port><context path>/api/v1/payments/webhooks/<provider>} once the
 * embedded server is listening (the port is only known then, and may be random).
 * <p>
 * 2xx is delivered; any other 4xx is a final refusal (logged, not retried: sending the same bytes
 * again cannot fix it); 5xx, 404 (the payment may not be visible yet) and transport errors ask for a retry.
 */
public class HttpWebhookSender implements WebhookSender, ApplicationListener<WebServerInitializedEvent> {

    private static final Logger log = LoggerFactory.getLogger(HttpWebhookSender.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String provider;
    private final WebhookSignature signature;
    private final ObjectMapper json;
    private final String contextPath;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private volatile URI target;

    /**
     * @param configuredUrl the full webhook URL, or blank for this application's own endpoint
     * @param contextPath   the servlet context path ({@code server.servlet.context-path}), or blank
     */
    public HttpWebhookSender(String provider, WebhookSignature signature, ObjectMapper json, String configuredUrl,
                             String contextPath) {
        this.provider = provider;
        this.signature = signature;
        this.json = json;
        this.contextPath = contextPath == null ? "" : contextPath;
        this.target = configuredUrl == null || configuredUrl.isBlank() ? null : URI.create(configuredUrl.trim());
    }

    /** Learns the port of the main server (not of a separate management server). */
    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (target == null && event.getApplicationContext().getServerNamespace() == null) {
            target = URI.create("http://127.0.0.1:" + event.getWebServer().getPort() + contextPath
                    + "/api/v1/payments/webhooks/" + provider);
        }
    }

    @Override
    public boolean send(ProviderNotice notice) {
        URI uri = target;
        if (uri == null) {
            log.warn("No webhook target yet for payment '{}' (web server not started)", notice.paymentId());
            return false;
        }
        byte[] body = body(notice);
        long timestamp = signature.now();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, signature.sign(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status / 100 == 2) {
                return true;
            }
            log.warn("Webhook for payment '{}' answered {}: {}", notice.paymentId(), status, response.body());
            return status / 100 == 4 && status != 404;
        } catch (IOException e) {
            log.warn("Webhook for payment '{}' could not be delivered: {}", notice.paymentId(), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private byte[] body(ProviderNotice notice) {
        ProviderStatus status = notice.status();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("paymentId", notice.paymentId().value());
        fields.put("status", status.kind().name());
        if (status.reference() != null) {
            fields.put("reference", status.reference());
        }
        if (status.reason() != null) {
            fields.put("reason", status.reason());
        }
        try {
            return json.writeValueAsBytes(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write webhook body", e);
        }
    }
}
