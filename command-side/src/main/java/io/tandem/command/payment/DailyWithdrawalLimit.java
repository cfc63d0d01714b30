package io.tandem.command.payment;

import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.payment.PaymentId;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.function.Supplier;

/**
 * The per-user daily withdrawal limit as a lookup table (the set-based validation pattern): payment
 * entry charges it in the request's transaction, before the withdrawal exists, and a failed
 * withdrawal gives its amount back through {@link WithdrawalLimitUpdater}, in the transaction that
 * failed it. Days are UTC days of the request time.
 * <p>
 * A concurrent first withdrawal of the day (or a concurrent duplicate request) loses on the primary
 * key, which spoils its transaction; it is reported as CONCURRENT_MODIFICATION so the request runs
 * again and then finds the row.
 */
@Component
class DailyWithdrawalLimit {

    private final WithdrawalDayRepository days;
    private final WithdrawalChargeRepository charges;

    DailyWithdrawalLimit(WithdrawalDayRepository days, WithdrawalChargeRepository charges) {
        this.days = days;
        this.charges = charges;
    }

    /**
     * Charges {@code amount} to the user's {@code day}, or refuses with DAILY_WITHDRAWAL_LIMIT when it
     * would exceed {@code limit}. A payment that was charged before is not charged again.
     */
    void charge(UserId user, PaymentId paymentId, Cash amount, LocalDate day, Cash limit) {
        if (charges.existsById(paymentId.value())) {
            return;
        }
        WithdrawalDay usage = days.findForUpdate(WithdrawalDay.key(user.value(), day))
                .orElseGet(() -> insert(() -> days.saveAndFlush(new WithdrawalDay(user.value(), day))));
        long after = Math.addExact(usage.withdrawnCents(), amount.cents());
        if (after > limit.cents()) {
            throw new TandemException(ErrorCode.DAILY_WITHDRAWAL_LIMIT, "withdrawals of " + day + " would reach "
                    + Cash.ofCents(after) + ", above the daily limit of " + limit + " (" + Cash.ofCents(usage.withdrawnCents())
                    + " already withdrawn)");
        }
        usage.add(amount.cents());
        insert(() -> charges.saveAndFlush(new WithdrawalCharge(paymentId.value(), user.value(), day, amount.cents())));
    }

    /**
     * Records a withdrawal that was charged when it was requested, without checking the limit (it
     * was checked then, possibly against another setting): what rebuilding the table from the event
     * log needs. A payment that was charged before is not charged again.
     */
    void charged(UserId user, PaymentId paymentId, Cash amount, LocalDate day) {
        if (charges.existsById(paymentId.value())) {
            return;
        }
        WithdrawalDay usage = days.findForUpdate(WithdrawalDay.key(user.value(), day))
                .orElseGet(() -> days.save(new WithdrawalDay(user.value(), day)));
        usage.add(amount.cents());
        charges.save(new WithdrawalCharge(paymentId.value(), user.value(), day, amount.cents()));
    }

    /** Gives a failed withdrawal's amount back to the day it was charged to; a second time does nothing. */
    void giveBack(PaymentId paymentId) {
        charges.findById(paymentId.value()).filter(charge -> !charge.givenBack()).ifPresent(charge -> {
            charge.markGivenBack();
            days.findForUpdate(WithdrawalDay.key(charge.userId(), charge.day()))
                    .ifPresent(usage -> usage.giveBack(charge.amountCents()));
        });
    }

    private static <T> T insert(Supplier<T> insert) {
        try {
            return insert.get();
        } catch (DataIntegrityViolationException lostRace) {
            throw new TandemException(ErrorCode.CONCURRENT_MODIFICATION, "a concurrent withdrawal changed the same limit; retry");
        }
    }
}
