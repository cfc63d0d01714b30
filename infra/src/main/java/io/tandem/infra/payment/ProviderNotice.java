package io.tandem.infra.payment;

import io.tandem.contracts.payment.PaymentId;
import io.tandem.saga.payment.ProviderStatus;

/**
 * What a provider's webhook says, once verified and parsed: a payment reached a final state at the
 * provider. Only CONFIRMED (with the provider's reference) and DECLINED (with a reason) are notices;
 * progress reports are not, and the saga's status checks cover everything else.
 */
public record ProviderNotice(PaymentId paymentId, ProviderStatus status) {

    public ProviderNotice {
        if (paymentId == null || status == null) {
            throw new IllegalArgumentException("paymentId and status are required");
        }
        if (status.kind() != ProviderStatus.Kind.CONFIRMED && status.kind() != ProviderStatus.Kind.DECLINED) {
            throw new IllegalArgumentException("a webhook notice is CONFIRMED or DECLINED, not " + status.kind());
        }
    }
}
