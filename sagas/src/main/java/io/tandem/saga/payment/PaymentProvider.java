package io.tandem.saga.payment;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.payment.PaymentId;

/**
 * Port to an external payment provider. The payment saga is the only caller; adapters live in infra.
 * <p>
 * Every operation is idempotent by {@link PaymentId} at the provider: initiating the same payment twice
 * starts one transfer, so the saga may safely retry after a lost answer or an exception. An adapter may
 * throw any runtime exception for transport failures; the saga treats that like {@link ProviderStatus.Kind#UNKNOWN}
 * and retries on its status-check deadline.
 */
public interface PaymentProvider {

    /** The name clients use to choose this provider and that appears in webhook paths, e.g. {@code "simulator"}. */
    String name();

    /** Starts collecting {@code amount} into {@code account}; completion arrives later by webhook or status query. */
    ProviderReceipt initiateDeposit(PaymentId id, AccountId account, Cash amount);

    /** Starts paying {@code amount} out of {@code account}; completion arrives later by webhook or status query. */
    ProviderReceipt initiatePayout(PaymentId id, AccountId account, Cash amount);

    /** CONFIRMED(reference) | DECLINED(reason) | PENDING | UNKNOWN (the provider never received the payment). */
    ProviderStatus status(PaymentId id);

    /** CONFIRMED if the payment had already completed, otherwise DECLINED("CANCELLED") and it never will. */
    ProviderStatus cancel(PaymentId id);
}
