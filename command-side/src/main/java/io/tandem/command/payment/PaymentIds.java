package io.tandem.command.payment;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.payment.PaymentId;

/**
 * Payment ids derived from (account, client payment id), so a client's payment id is its own per
 * account: two users may both call a payment "dep-1" and get two payments, and neither learns
 * anything about the other's. The id stays readable ({@code <account>:<client id>}) so that a
 * payment can be traced to its account in logs, webhooks and the read model. Client ids never
 * contain ':' (payment entry refuses them), so the last ':' splits an id unambiguously and ids of
 * different accounts cannot collide whatever the account ids look like.
 */
public final class PaymentIds {

    static final char SEPARATOR = ':';

    private PaymentIds() {
    }

    /** The platform's id of the payment the client calls {@code clientPaymentId} on {@code accountId}. */
    public static PaymentId of(AccountId accountId, String clientPaymentId) {
        if (clientPaymentId == null || clientPaymentId.isBlank() || clientPaymentId.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("a client payment id must not be blank or contain '" + SEPARATOR + "'");
        }
        return PaymentId.of(accountId.value() + SEPARATOR + clientPaymentId);
    }
}
