package io.tandem.projection.payment;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.payment.DepositRequestedEvent;
import io.tandem.contracts.payment.PaymentId;
import io.tandem.contracts.payment.WithdrawalRequestedEvent;

import java.time.Instant;

/** Payment events for read-model tests: alice's account, the simulated provider. */
final class PaymentEvents {

    static final AccountId ALICE = AccountId.of("acc-alice");
    static final UserId ALICE_USER = UserId.of("alice");
    static final String PROVIDER = "simulator";

    private PaymentEvents() {
    }

    static DepositRequestedEvent deposit(String paymentId, String amount, Instant at) {
        return new DepositRequestedEvent(PaymentId.of(paymentId), ALICE, ALICE_USER, Cash.parse(amount), PROVIDER, at);
    }

    static WithdrawalRequestedEvent withdrawal(String paymentId, String amount, Instant at) {
        return new WithdrawalRequestedEvent(PaymentId.of(paymentId), ALICE, ALICE_USER, Cash.parse(amount), PROVIDER, at);
    }
}
