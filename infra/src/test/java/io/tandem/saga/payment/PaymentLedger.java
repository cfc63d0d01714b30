package io.tandem.saga.payment;

import io.tandem.contracts.account.*;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.payment.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger as the event log tells it, rebuilt from scratch and checked while it is rebuilt: every
 * account's available cash stays non-negative after every event, a withdrawal's debit or release
 * moves exactly what it reserved, and each payment reaches its own account (no other) at most once and only in
 * the way its Payment aggregate decided (a credit for a confirmed deposit, a debit for a confirmed
 * withdrawal, a release for a failed one). A recorded conflict describes its payment as decided and
 * reports the other outcome; it moves nothing.
 */
final class PaymentLedger {

    /** A payment as its own aggregate decided it. */
    record PaymentRecord(PaymentDirection direction, AccountId accountId, long amount, PaymentStatus status) {
    }

    final Map<AccountId, Long> available = new HashMap<>();
    final Map<PaymentId, Long> reservedForWithdrawals = new HashMap<>();
    final Map<OrderId, Long> reservedForOrders = new HashMap<>();
    final Map<PaymentId, PaymentRecord> payments = new HashMap<>();
    private final Map<PaymentId, Integer> accountMoves = new HashMap<>();
    /** Conflicts recorded per payment. */
    final Map<PaymentId, Integer> conflicts = new HashMap<>();
    long adjustments;
    long credited;
    long debited;

    static PaymentLedger of(List<Object> events) {
        PaymentLedger ledger = new PaymentLedger();
        events.forEach(ledger::apply);
        return ledger;
    }

    private void apply(Object event) {
        if (event instanceof CashAdjustedEvent e) {
            adjustments += e.amount().cents();
            move(e.accountId(), e.amount().cents());
        } else if (event instanceof DepositRequestedEvent e) {
            payments.put(e.paymentId(), new PaymentRecord(PaymentDirection.DEPOSIT, e.accountId(), e.amount().cents(), PaymentStatus.REQUESTED));
        } else if (event instanceof WithdrawalRequestedEvent e) {
            payments.put(e.paymentId(), new PaymentRecord(PaymentDirection.WITHDRAWAL, e.accountId(), e.amount().cents(), PaymentStatus.REQUESTED));
        } else if (event instanceof PaymentConfirmedEvent e) {
            decide(e.paymentId(), PaymentStatus.CONFIRMED);
        } else if (event instanceof PaymentFailedEvent e) {
            decide(e.paymentId(), PaymentStatus.FAILED);
        } else if (event instanceof PaymentOutcomeConflictedEvent e) {
            conflicted(e);
        } else if (event instanceof DepositCreditedEvent e) {
            expectAccountMove(e.accountId(), e.paymentId(), PaymentDirection.DEPOSIT, PaymentStatus.CONFIRMED, e.amount().cents());
            credited += e.amount().cents();
            move(e.accountId(), e.amount().cents());
        } else if (event instanceof WithdrawalReservedEvent e) {
            assertThat(reservedForWithdrawals.put(e.paymentId(), e.amount().cents())).as("reserved twice: " + e).isNull();
            move(e.accountId(), -e.amount().cents());
        } else if (event instanceof WithdrawalDebitedEvent e) {
            expectAccountMove(e.accountId(), e.paymentId(), PaymentDirection.WITHDRAWAL, PaymentStatus.CONFIRMED, e.amount().cents());
            assertThat(reservedForWithdrawals.remove(e.paymentId())).as("debit of " + e.paymentId()).isEqualTo(e.amount().cents());
            debited += e.amount().cents();
        } else if (event instanceof WithdrawalReleasedEvent e) {
            expectAccountMove(e.accountId(), e.paymentId(), PaymentDirection.WITHDRAWAL, PaymentStatus.FAILED, e.amount().cents());
            assertThat(reservedForWithdrawals.remove(e.paymentId())).as("release of " + e.paymentId()).isEqualTo(e.amount().cents());
            move(e.accountId(), e.amount().cents());
        } else if (event instanceof CashReservedEvent e) {
            reservedForOrders.merge(e.orderId(), e.amount().cents(), Long::sum);
            move(e.accountId(), -e.amount().cents());
        } else if (event instanceof ReservationReleasedEvent e) {
            assertThat(reservedForOrders.remove(e.orderId())).as("release of order " + e.orderId()).isEqualTo(e.cash().cents());
            move(e.accountId(), e.cash().cents());
        }
    }

    private void move(AccountId account, long cents) {
        long after = available.merge(account, cents, Math::addExact);
        assertThat(after).as("available cash of " + account).isNotNegative();
    }

    private void decide(PaymentId id, PaymentStatus status) {
        PaymentRecord payment = payments.get(id);
        assertThat(payment).as("payment " + id + " exists before it is decided").isNotNull();
        assertThat(payment.status().isFinal()).as("payment " + id + " decided twice").isFalse();
        payments.put(id, new PaymentRecord(payment.direction(), payment.accountId(), payment.amount(), status));
    }

    private void conflicted(PaymentOutcomeConflictedEvent e) {
        PaymentRecord payment = payments.get(e.paymentId());
        assertThat(payment).as("payment " + e.paymentId() + " exists before a conflict").isNotNull();
        assertThat(payment.status().isFinal()).as("payment " + e.paymentId() + " is final when it conflicts").isTrue();
        assertThat(e.recorded()).as("recorded status in " + e).isEqualTo(payment.status());
        assertThat(e.reported()).as("reported status in " + e).isNotEqualTo(e.recorded()).matches(PaymentStatus::isFinal);
        assertThat(new PaymentRecord(e.direction(), e.accountId(), e.amount().cents(), payment.status()))
                .as("payment described by " + e).isEqualTo(payment);
        conflicts.merge(e.paymentId(), 1, Integer::sum);
    }

    private void expectAccountMove(AccountId account, PaymentId id, PaymentDirection direction, PaymentStatus decided, long amount) {
        assertThat(accountMoves.merge(id, 1, Integer::sum)).as("payment " + id + " reached its account more than once").isEqualTo(1);
        PaymentRecord payment = payments.get(id);
        assertThat(payment).as("payment " + id).isNotNull();
        assertThat(account).as("account that payment " + id + " moved").isEqualTo(payment.accountId());
        assertThat(payment.direction()).as("direction of " + id).isEqualTo(direction);
        assertThat(payment.status()).as("status of " + id + " when its account moved").isEqualTo(decided);
        assertThat(payment.amount()).as("amount of " + id).isEqualTo(amount);
    }

    long totalCash() {
        long total = available.values().stream().mapToLong(Long::longValue).sum();
        total += reservedForWithdrawals.values().stream().mapToLong(Long::longValue).sum();
        return total + reservedForOrders.values().stream().mapToLong(Long::longValue).sum();
    }

    long confirmed(PaymentDirection direction) {
        return payments.values().stream()
                .filter(p -> p.direction() == direction && p.status() == PaymentStatus.CONFIRMED)
                .mapToLong(PaymentRecord::amount).sum();
    }

    /** Holds after every step: cash only enters by adjustment or credited deposit and leaves only by debited withdrawal. */
    void checkBalanced() {
        assertThat(totalCash()).as("all cash").isEqualTo(adjustments + credited - debited);
    }

    /** Holds once everything has settled: the ledger invariant, with nothing left in flight. */
    void checkSettled() {
        checkBalanced();
        assertThat(payments.values()).as("payments still open").allMatch(p -> p.status().isFinal());
        assertThat(reservedForWithdrawals).as("withdrawals still reserved").isEmpty();
        assertThat(totalCash()).as("all cash = adjustments + confirmed deposits - confirmed withdrawals")
                .isEqualTo(adjustments + confirmed(PaymentDirection.DEPOSIT) - confirmed(PaymentDirection.WITHDRAWAL));
    }
}
