package io.tandem.infra.payment;

import io.tandem.contracts.common.ErrorCode;
import org.springframework.http.HttpHeaders;

/**
 * One provider's incoming webhooks: checks that a request really comes from the provider and reads
 * what it says. The endpoint {@code POST /api/v1/payments/webhooks/{provider}} looks the
 * implementation up by {@link #provider()} and turns the notice into a confirm or fail command.
 * <p>
 * A real provider plugs in with two Spring beans: its {@code io.tandem.saga.payment.PaymentProvider}
 * adapter (outgoing calls, same name) and a {@code PaymentWebhook} that verifies the provider's own
 * signature scheme with the secret it shares with us and maps its payload to a {@link ProviderNotice}.
 * A provider that signs the way Tandem's simulator does can reuse {@link SignedJsonWebhook}.
 */
public interface PaymentWebhook {

    /** The provider name, as in the webhook path and in {@code PaymentProvider.name()}. */
    String provider();

    /**
     * Verifies and parses one request, given its headers and raw body bytes.
     *
     * @throws io.tandem.contracts.common.TandemException {@link ErrorCode#INVALID_SIGNATURE} when the
     *                                                    request is not authentic or is stale;
     *                                                    {@link ErrorCode#MALFORMED_REQUEST} when an
     *                                                    authentic body cannot be understood
     */
    ProviderNotice read(HttpHeaders headers, byte[] body);
}
