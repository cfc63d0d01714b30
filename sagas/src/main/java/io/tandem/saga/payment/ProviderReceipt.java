package io.tandem.saga.payment;

import io.tandem.contracts.payment.PaymentId;

/**
 * What a provider answers when it accepted a payment for processing: its own reference for the
 * transfer. Acceptance is not completion; the outcome comes later.
 */
public record ProviderReceipt(PaymentId paymentId, String providerReference) {

    public ProviderReceipt {
        if (paymentId == null) {
            throw new IllegalArgumentException("paymentId is required");
        }
        if (providerReference == null || providerReference.isBlank()) {
            throw new IllegalArgumentException("providerReference is required");
        }
    }
}
