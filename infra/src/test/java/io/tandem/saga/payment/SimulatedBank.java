package io.tandem.saga.payment;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.payment.PaymentId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outside world of the ledger property: a provider that keeps its own truth about each payment
 * and behaves like a real one. Initiation is idempotent; a payment completes or is declined only
 * when the test decides so, and each decision queues a webhook, which the test may deliver late,
 * twice or never; a cancel stops a pending payment for good but cannot undo a completed one. An
 * outage makes the next calls fail, either before the provider saw the call or after (the answer
 * is lost).
 */
class SimulatedBank implements PaymentProvider {

    enum State { PENDING, COMPLETED, DECLINED, CANCELLED }

    /** A webhook the provider would send; delivered by the test in any order, any number of times. */
    record Webhook(PaymentId paymentId, boolean confirmed) {
    }

    private final Map<PaymentId, State> payments = new LinkedHashMap<>();
    final List<Webhook> webhooks = new ArrayList<>();
    private int failingCalls;
    private boolean answersLost;

    void outage(int calls, boolean lostAnswers) {
        failingCalls = calls;
        answersLost = lostAnswers;
    }

    /** Completes or declines the payment if it is still pending at the provider; queues its webhook. */
    void decide(PaymentId id, boolean complete) {
        if (payments.get(id) == State.PENDING) {
            payments.put(id, complete ? State.COMPLETED : State.DECLINED);
            webhooks.add(new Webhook(id, complete));
        }
    }

    List<PaymentId> pending() {
        return payments.entrySet().stream().filter(e -> e.getValue() == State.PENDING).map(Map.Entry::getKey).toList();
    }

    boolean completed(PaymentId id) {
        return payments.get(id) == State.COMPLETED;
    }

    static String reference(PaymentId id) {
        return "bank-" + id;
    }

    @Override
    public String name() {
        return "simulator";
    }

    @Override
    public ProviderReceipt initiateDeposit(PaymentId id, AccountId account, Cash amount) {
        return initiate(id);
    }

    @Override
    public ProviderReceipt initiatePayout(PaymentId id, AccountId account, Cash amount) {
        return initiate(id);
    }

    private ProviderReceipt initiate(PaymentId id) {
        failBeforeIfDown();
        payments.putIfAbsent(id, State.PENDING);
        failAfterIfDown();
        return new ProviderReceipt(id, reference(id));
    }

    @Override
    public ProviderStatus status(PaymentId id) {
        failBeforeIfDown();
        State state = payments.get(id);
        failAfterIfDown();
        return answer(id, state);
    }

    @Override
    public ProviderStatus cancel(PaymentId id) {
        failBeforeIfDown();
        State state = payments.get(id);
        if (state == null || state == State.PENDING) {
            payments.put(id, State.CANCELLED);
            state = State.CANCELLED;
        }
        failAfterIfDown();
        return state == State.COMPLETED ? ProviderStatus.confirmed(reference(id)) : ProviderStatus.declined(ProviderStatus.CANCELLED);
    }

    private static ProviderStatus answer(PaymentId id, State state) {
        if (state == null) {
            return ProviderStatus.unknown();
        }
        return switch (state) {
            case PENDING -> ProviderStatus.pending();
            case COMPLETED -> ProviderStatus.confirmed(reference(id));
            case DECLINED -> ProviderStatus.declined("DECLINED_BY_BANK");
            case CANCELLED -> ProviderStatus.declined(ProviderStatus.CANCELLED);
        };
    }

    private void failBeforeIfDown() {
        if (failingCalls > 0 && !answersLost) {
            failingCalls--;
            throw new IllegalStateException("provider unreachable");
        }
    }

    private void failAfterIfDown() {
        if (failingCalls > 0 && answersLost) {
            failingCalls--;
            throw new IllegalStateException("provider answer lost");
        }
    }
}
