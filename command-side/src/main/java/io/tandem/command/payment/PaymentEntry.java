package io.tandem.command.payment;

import io.tandem.command.orderentry.OrderEntry.Caller;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.payment.PaymentId;
import io.tandem.contracts.payment.PaymentStatus;

import java.time.Instant;

/**
 * The one door through which deposits and withdrawals enter the platform, and through which a
 * provider's verified answer (webhook) reaches a payment. Each request checks the amount and, for a
 * withdrawal, the caller's daily limit, then records the payment on the account and creates it, in a
 * single transaction, so a refusal at any step leaves nothing behind. The payment saga takes over
 * from there. Refusals are {@code TandemException}s with a code.
 * <p>
 * Requests are idempotent per account and client payment id: the client names its payment
 * ({@code clientPaymentId}: 1 to 64 of {@code A-Z a-z 0-9 . _ -}, else MALFORMED_REQUEST), and the
 * platform's {@link PaymentId} is derived from the account and that name ({@link PaymentIds}). The
 * same client id on the same account with the same details answers the payment's current status and
 * creates nothing; with other details it is refused with PAYMENT_CONFLICT. The same client id on
 * another account is another payment, so one client's ids neither block nor reveal another's.
 * <p>
 * Everything after the request (the provider, webhooks, {@link #confirm}, {@link #fail}, the read
 * model) knows the payment by its derived id only, which {@link PaymentResult} answers.
 */
public interface PaymentEntry {

    /**
     * Requests a deposit of {@code amount} (decimal text, e.g. {@code "100.00"}) into the caller's
     * account. {@code provider} may be null for the configured default provider; a provider the
     * server does not allow for deposits is refused with PROVIDER_NOT_ALLOWED before anything is written.
     */
    PaymentResult deposit(Caller caller, AccountId accountId, String clientPaymentId, String amount, String provider, Instant now);

    /**
     * Requests a withdrawal: reserves the amount on the caller's account and charges the caller's
     * limit for the UTC day of {@code now}, then creates the payment for the saga to pay out. The
     * provider must be allowed for withdrawals, as for {@link #deposit}.
     */
    PaymentResult withdraw(Caller caller, AccountId accountId, String clientPaymentId, String amount, String provider, Instant now);

    /**
     * The provider {@code provider} confirmed the payment (a verified webhook, {@code provider} being
     * the one whose signature it carried). Unknown payment, or a payment of another provider:
     * PAYMENT_NOT_FOUND, the same refusal in the same words, so that a provider learns nothing about
     * payments that are not its own. A payment that is already confirmed stays as it is; one that
     * failed stays failed and records the contradiction. The answer is the payment's status either way.
     */
    PaymentStatus confirm(PaymentId paymentId, String provider, String providerReference, Instant now);

    /**
     * The provider {@code provider} declined the payment (a verified webhook). Unknown payment, or a
     * payment of another provider: PAYMENT_NOT_FOUND, as for {@link #confirm}. A payment that already
     * failed stays as it is; one that was confirmed stays confirmed and records the contradiction. The
     * answer is the payment's status either way.
     */
    PaymentStatus fail(PaymentId paymentId, String provider, String reason, Instant now);

    /** What a deposit or withdrawal request answers: the payment (its derived, platform-wide id) and its status right now. */
    record PaymentResult(PaymentId paymentId, PaymentStatus status) {
    }
}
