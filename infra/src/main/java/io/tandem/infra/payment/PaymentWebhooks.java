package io.tandem.infra.payment;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every provider's webhook reader by provider name; an unknown name is UNKNOWN_PAYMENT_PROVIDER (404). */
public final class PaymentWebhooks {

    private final Map<String, PaymentWebhook> byProvider;

    public PaymentWebhooks(Collection<? extends PaymentWebhook> webhooks) {
        this.byProvider = webhooks.stream()
                .collect(Collectors.toUnmodifiableMap(PaymentWebhook::provider, Function.identity()));
    }

    public PaymentWebhook get(String provider) {
        PaymentWebhook webhook = provider == null ? null : byProvider.get(provider);
        if (webhook == null) {
            throw new TandemException(ErrorCode.UNKNOWN_PAYMENT_PROVIDER, "no payment provider named '" + provider + "'");
        }
        return webhook;
    }
}
