package io.tandem.command.payment;

import io.tandem.contracts.payment.PaymentDirection;
import io.tandem.contracts.payment.PaymentFailedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Gives a failed withdrawal's amount back to its user's daily limit. It runs in a subscribing
 * processor (see {@link PaymentConfiguration}), so the limit changes in the same transaction as the
 * failure that frees it, and a failure to update it fails that command instead of being logged away.
 * Confirmed withdrawals stay charged. Not replayed: the table is a lookup for payment entry, kept
 * current as events happen, not a projection.
 */
@Component
@ProcessingGroup(WithdrawalLimitUpdater.PROCESSING_GROUP)
class WithdrawalLimitUpdater {

    static final String PROCESSING_GROUP = "payment-limits";

    private final DailyWithdrawalLimit limit;

    WithdrawalLimitUpdater(DailyWithdrawalLimit limit) {
        this.limit = limit;
    }

    @EventHandler
    void on(PaymentFailedEvent event) {
        if (event.direction() == PaymentDirection.WITHDRAWAL) {
            limit.giveBack(event.paymentId());
        }
    }
}
