package io.tandem.saga.payment;

import io.tandem.contracts.payment.PaymentStatus;
import net.jqwik.api.*;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.statistics.Statistics;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random interleavings of deposits, withdrawals, client retries, provider decisions, duplicated and
 * reordered webhooks, answers that contradict the provider, answers from another provider (refused),
 * provider outages, saga commands run out of order, time passing (status checks,
 * backoff, cancellation), admin adjustments and order reservations, against the real Account and
 * Payment aggregates and the real saga ({@link PaymentWorld}). Every account's client reuses the same
 * client payment ids, as different users may, so payments are told apart only by the account scoping
 * payment entry gives their ids.
 * <p>
 * After every step the event log must show no negative available cash, no payment that reached its
 * account twice, reached another account or went against its own decision, and cash that entered or left only through adjustments,
 * credited deposits and debited withdrawals. Once everything has settled: every payment is final,
 * no withdrawal is left reserved, all cash equals adjustments + confirmed deposits - confirmed
 * withdrawals, the platform and the bank agree on which payments moved money (unless a contradicting
 * answer came first), a conflict is recorded only for a payment that received contradicting answers,
 * and each account's own balance matches the ledger.
 */
class PaymentLedgerProperties {

    private PaymentWorld world;

    @AfterTry
    void shutDown() {
        if (world != null) {
            world.close();
        }
    }

    @Property(tries = 150)
    void theLedgerBalancesAndNoPaymentMovesMoneyTwice(@ForAll("scenarios") List<Consumer<PaymentWorld>> steps) {
        world = new PaymentWorld();
        for (Consumer<PaymentWorld> step : steps) {
            step.accept(world);
            world.ledger().checkBalanced();
        }

        world.settle();

        assertThat(world.quiet()).as("saga commands or deadlines still pending after settling").isTrue();
        PaymentLedger ledger = world.ledger();
        ledger.checkSettled();
        ledger.payments.values().forEach(payment -> Statistics.label("payment outcomes").collect(payment.direction() + " " + payment.status()));
        assertThat(ledger.conflicts.keySet()).as("conflicts recorded for payments whose answers never contradicted each other")
                .allMatch(world::contradicted);
        ledger.payments.entrySet().stream().filter(payment -> !world.contradicted(payment.getKey())).forEach(payment ->
                assertThat(payment.getValue().status() == PaymentStatus.CONFIRMED)
                        .as("platform and bank agree whether " + payment.getKey() + " moved money")
                        .isEqualTo(world.bank.completed(payment.getKey())));
        for (int account = 0; account < PaymentWorld.ACCOUNTS; account++) {
            long available = ledger.available.getOrDefault(PaymentWorld.account(account), 0L);
            assertThat(world.accountRefusesWithdrawalOf(account, available + 1)).as("account %s holds no more than the ledger says", account).isTrue();
            if (available > 0) {
                assertThat(world.accountRefusesWithdrawalOf(account, available)).as("account %s holds what the ledger says", account).isFalse();
            }
        }
    }

    @Provide
    Arbitrary<List<Consumer<PaymentWorld>>> scenarios() {
        Arbitrary<Integer> account = Arbitraries.integers().between(0, PaymentWorld.ACCOUNTS - 1);
        Arbitrary<Long> amount = Arbitraries.longs().between(100, 15_000);
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 1_000);
        Arbitrary<Consumer<PaymentWorld>> step = Arbitraries.frequencyOf(
                Tuple.of(5, Combinators.combine(account, amount).as(PaymentLedgerProperties::deposit)),
                Tuple.of(4, Combinators.combine(account, amount).as(PaymentLedgerProperties::withdraw)),
                Tuple.of(2, pick.map(PaymentLedgerProperties::retry)),
                Tuple.of(7, Combinators.combine(pick, Arbitraries.of(true, true, false)).as(PaymentLedgerProperties::decide)),
                Tuple.of(5, pick.map(PaymentLedgerProperties::webhook)),
                Tuple.of(1, Combinators.combine(pick, Arbitraries.of(true, false)).as(PaymentLedgerProperties::contradict)),
                Tuple.of(1, Combinators.combine(pick, Arbitraries.of(true, false)).as(PaymentLedgerProperties::anotherProvider)),
                Tuple.of(8, pick.map(PaymentLedgerProperties::sagaCommand)),
                Tuple.of(3, Arbitraries.integers().between(1, 400).map(PaymentLedgerProperties::elapse)),
                Tuple.of(1, Combinators.combine(account, Arbitraries.longs().between(-10_000, 10_000).filter(c -> c != 0))
                        .as(PaymentLedgerProperties::adjust)),
                Tuple.of(1, Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.of(true, false))
                        .as(PaymentLedgerProperties::outage)),
                Tuple.of(1, Combinators.combine(account, amount).as(PaymentLedgerProperties::reserveForOrder)),
                Tuple.of(1, pick.map(PaymentLedgerProperties::closeOrder)));
        return step.list().ofMinSize(5).ofMaxSize(60);
    }

    private static Consumer<PaymentWorld> deposit(int account, long cents) {
        return named("deposit " + cents + " into " + account, world -> world.deposit(account, cents));
    }

    private static Consumer<PaymentWorld> withdraw(int account, long cents) {
        return named("withdraw " + cents + " from " + account, world -> world.withdraw(account, cents));
    }

    private static Consumer<PaymentWorld> retry(int pick) {
        return named("retry request " + pick, world -> world.retryRequest(pick));
    }

    private static Consumer<PaymentWorld> decide(int pick, boolean complete) {
        return named((complete ? "bank completes " : "bank declines ") + pick, world -> world.decide(pick, complete));
    }

    private static Consumer<PaymentWorld> webhook(int pick) {
        return named("deliver webhook " + pick, world -> world.deliverWebhook(pick));
    }

    private static Consumer<PaymentWorld> contradict(int pick, boolean confirmed) {
        return named("out-of-order " + (confirmed ? "confirmation" : "failure") + " of request " + pick, world -> world.contradict(pick, confirmed));
    }

    private static Consumer<PaymentWorld> anotherProvider(int pick, boolean confirmed) {
        return named((confirmed ? "confirmation" : "failure") + " of request " + pick + " from another provider",
                world -> world.answerAsAnotherProvider(pick, confirmed));
    }

    private static Consumer<PaymentWorld> sagaCommand(int pick) {
        return named("run saga command " + pick, world -> world.runSagaCommand(pick));
    }

    private static Consumer<PaymentWorld> elapse(int seconds) {
        return named(seconds + " s pass", world -> world.elapse(Duration.ofSeconds(seconds)));
    }

    private static Consumer<PaymentWorld> adjust(int account, long cents) {
        return named("adjust " + account + " by " + cents, world -> world.adjust(account, cents));
    }

    private static Consumer<PaymentWorld> outage(int calls, boolean lostAnswers) {
        return named("bank fails " + calls + " calls" + (lostAnswers ? " after acting" : ""), world -> world.outage(calls, lostAnswers));
    }

    private static Consumer<PaymentWorld> reserveForOrder(int account, long cents) {
        return named("order reserves " + cents + " on " + account, world -> world.reserveForOrder(account, cents));
    }

    private static Consumer<PaymentWorld> closeOrder(int pick) {
        return named("close order " + pick, world -> world.closeOrder(pick));
    }

    /** A step that prints as what it does, so a shrunk counterexample reads as a scenario. */
    private static Consumer<PaymentWorld> named(String description, Consumer<PaymentWorld> action) {
        return new Consumer<>() {
            @Override
            public void accept(PaymentWorld world) {
                action.accept(world);
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }
}
