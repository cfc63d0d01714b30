package io.tandem.command.account;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.payment.PaymentDirection;
import io.tandem.contracts.payment.PaymentId;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The payments an account has seen, by payment id, so that every payment leg is idempotent: a
 * deposit is accepted and credited at most once, a withdrawal is reserved once and then either
 * debited or released, never both. The account asks this class what a command means and applies
 * the event itself; this class changes only from the account's event-sourcing handlers.
 * <p>
 * Kept apart from {@link Account} so the aggregate stays readable; a plain Jackson value (fields
 * only) so that it travels in the account snapshot.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
class AccountPayments {

    /** Where a payment stands on this account. ACCEPTED and RESERVED are open; the others are final. */
    enum LegState { ACCEPTED, CREDITED, RESERVED, DEBITED, RELEASED }

    /** One payment as the account knows it. */
    record Leg(PaymentDirection direction, long amount, LegState state) {

        Leg to(LegState next) {
            return new Leg(direction, amount, next);
        }
    }

    private Map<PaymentId, Leg> legs = new HashMap<>();

    /**
     * Whether a request to open a leg (accept a deposit, reserve a withdrawal) is new. The same
     * payment again with the same direction and amount is a retry: not new, nothing to do. The same
     * payment id with anything else is refused with PAYMENT_CONFLICT.
     */
    boolean isNew(PaymentId paymentId, PaymentDirection direction, Cash amount) {
        if (amount == null || !amount.isPositive()) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "a payment amount must be positive");
        }
        Leg existing = legs.get(paymentId);
        if (existing == null) {
            return true;
        }
        if (existing.direction() != direction || existing.amount() != amount.cents()) {
            throw new TandemException(ErrorCode.PAYMENT_CONFLICT, "payment " + paymentId + " is already a "
                    + existing.direction() + " of " + Cash.ofCents(existing.amount()) + " on this account");
        }
        return false;
    }

    /**
     * The amount to move when the open leg of {@code paymentId} ends in {@code outcome}, or empty when
     * it already ended that way (a repeated command). A leg that is unknown, of the other direction,
     * or that already ended the other way is refused: the payment aggregate never lets that happen,
     * so it means a broken caller, and moving money for it would break the ledger.
     */
    Optional<Cash> toClose(PaymentId paymentId, PaymentDirection direction, LegState outcome) {
        Leg leg = legs.get(paymentId);
        if (leg == null) {
            throw new TandemException(ErrorCode.PAYMENT_NOT_FOUND, "payment " + paymentId + " is not on this account");
        }
        if (leg.state() == outcome) {
            return Optional.empty();
        }
        LegState open = direction == PaymentDirection.DEPOSIT ? LegState.ACCEPTED : LegState.RESERVED;
        if (leg.direction() != direction || leg.state() != open) {
            throw new TandemException(ErrorCode.PAYMENT_CONFLICT, "payment " + paymentId + " is a "
                    + leg.direction() + " that is " + leg.state() + "; it cannot become " + outcome);
        }
        return Optional.of(Cash.ofCents(leg.amount()));
    }

    /** Cents of withdrawals reserved and not yet debited or released: reserved cash, not available. */
    long heldWithdrawals() {
        long held = 0;
        for (Leg leg : legs.values()) {
            if (leg.state() == LegState.RESERVED) {
                held = Math.addExact(held, leg.amount());
            }
        }
        return held;
    }

    void opened(PaymentId paymentId, PaymentDirection direction, Cash amount) {
        LegState state = direction == PaymentDirection.DEPOSIT ? LegState.ACCEPTED : LegState.RESERVED;
        legs.put(paymentId, new Leg(direction, amount.cents(), state));
    }

    void closed(PaymentId paymentId, LegState outcome) {
        legs.computeIfPresent(paymentId, (id, leg) -> leg.to(outcome));
    }
}
