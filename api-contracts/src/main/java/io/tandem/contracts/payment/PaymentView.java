package io.tandem.contracts.payment;



/** A payment as its owner sees it; {@code reason} is set for failed payments. */
public record PaymentView(String paymentId, String accountId, String direction, String amount, String status, String reason, String provider, String requestedAt, String updatedAt, String cursor) {
}
