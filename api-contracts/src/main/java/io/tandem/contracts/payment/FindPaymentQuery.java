package io.tandem.contracts.payment;



/** Answers a {@link PaymentView}, or null when unknown to the read model. */
public record FindPaymentQuery(PaymentId paymentId) {
}
