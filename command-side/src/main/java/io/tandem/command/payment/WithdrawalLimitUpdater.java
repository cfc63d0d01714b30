package io.tandem.command.payment;

import io.tandem.contracts.payment.PaymentDirection;
import io.tandem.contracts.payment.PaymentFailedEvent;
import io.tandem.contracts.payment.WithdrawalRequestedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Keeps the daily withdrawal limit in step with the withdrawals' events. It runs in a subscribing
 * processor (see {@link PaymentConfiguration}), so the limit changes in the same transaction as the
 * event, and a failure to update it fails that command instead of being logged away. A failed
 * withdrawal gives its amount back to its user's day; confirmed withdrawals stay charged.
 * <p>
 * Payment entry charges a withdrawal before it is requested, in the same transaction, so on the live
 * path the request's event finds its charge already there and changes nothing. The handler is there
 * for {@link io.tandem.command.support.LookupTableRebuild}: when the tables are behind the event log
 * (a database restored with only its event tables) it feeds these handlers the withdrawals' events
 * at startup, and each request is charged again to the UTC day of its request time, without the
 * limit check it passed when it was made.
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
    void on(WithdrawalRequestedEvent event) {
        limit.charged(event.requestedBy(), event.paymentId(), event.amount(),
                LocalDate.ofInstant(event.requestedAt(), ZoneOffset.UTC));
    }

    @EventHandler
    void on(PaymentFailedEvent event) {
        if (event.direction() == PaymentDirection.WITHDRAWAL) {
            limit.giveBack(event.paymentId());
        }
    }
}
