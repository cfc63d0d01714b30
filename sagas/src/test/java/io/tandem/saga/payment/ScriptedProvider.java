package io.tandem.saga.payment;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.payment.PaymentId;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A provider whose answers the test scripts: status and cancel answers are queued (a queued
 * exception is thrown); without a script a payment is PENDING and a cancel succeeds. Calls are
 * recorded so tests can say what the saga asked.
 */
class ScriptedProvider implements PaymentProvider {

    static final String NAME = "simulator";

    final List<PaymentId> deposits = new ArrayList<>();
    final List<PaymentId> payouts = new ArrayList<>();
    final List<PaymentId> cancels = new ArrayList<>();
    private final Deque<Object> statusAnswers = new ArrayDeque<>();
    private final Deque<Object> cancelAnswers = new ArrayDeque<>();
    private int initiationsToRefuse;

    ScriptedProvider answersStatus(Object... answers) {
        statusAnswers.addAll(List.of(answers));
        return this;
    }

    ScriptedProvider answersCancel(Object... answers) {
        cancelAnswers.addAll(List.of(answers));
        return this;
    }

    ScriptedProvider refusesInitiations(int times) {
        initiationsToRefuse = times;
        return this;
    }

    static String reference(PaymentId id) {
        return "sim-" + id;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProviderReceipt initiateDeposit(PaymentId id, AccountId account, Cash amount) {
        deposits.add(id);
        return receipt(id);
    }

    @Override
    public ProviderReceipt initiatePayout(PaymentId id, AccountId account, Cash amount) {
        payouts.add(id);
        return receipt(id);
    }

    private ProviderReceipt receipt(PaymentId id) {
        if (initiationsToRefuse > 0) {
            initiationsToRefuse--;
            throw new IllegalStateException("provider unreachable");
        }
        return new ProviderReceipt(id, reference(id));
    }

    @Override
    public ProviderStatus status(PaymentId id) {
        return next(statusAnswers, ProviderStatus.pending());
    }

    @Override
    public ProviderStatus cancel(PaymentId id) {
        cancels.add(id);
        return next(cancelAnswers, ProviderStatus.declined(ProviderStatus.CANCELLED));
    }

    private static ProviderStatus next(Deque<Object> answers, ProviderStatus otherwise) {
        Object answer = answers.isEmpty() ? otherwise : answers.poll();
        if (answer instanceof RuntimeException failure) {
            throw failure;
        }
        return (ProviderStatus) answer;
    }
}
