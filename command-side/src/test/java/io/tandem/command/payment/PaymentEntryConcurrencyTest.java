package io.tandem.command.payment;

import io.tandem.command.orderentry.OrderEntry.Caller;
import io.tandem.contracts.account.AdjustCashCommand;
import io.tandem.contracts.account.OpenAccountCommand;
import io.tandem.contracts.common.*;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Simultaneous withdrawals of one user from two accounts (so the accounts do not serialize them):
 * the daily limit lets exactly one of two through when both together would exceed it, and a
 * simultaneous duplicate of one withdrawal is charged once.
 */
@PaymentEntrySpringTest
class PaymentEntryConcurrencyTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    @Autowired
    private PaymentEntry payments;
    @Autowired
    private CommandGateway commandGateway;

    private AccountId open(String id, UserId owner) {
        AccountId account = AccountId.of(id);
        commandGateway.sendAndWait(new OpenAccountCommand(account, owner, AccountType.TRADING));
        commandGateway.sendAndWait(new AdjustCashCommand(account, AdjustmentId.of("seed"), Cash.ofCents(100_000), "seed", UserId.of("admin")));
        return account;
    }

    @RepeatedTest(3)
    void twoWithdrawalsThatTogetherExceedTheDailyLimitDoNotBothPass() throws Exception {
        String n = "c" + SEQUENCE.incrementAndGet();
        Caller carol = new Caller(UserId.of("carol-" + n), false);
        AccountId first = open("carol-1-" + n, carol.userId());
        AccountId second = open("carol-2-" + n, carol.userId());

        List<Outcome> outcomes = race(
                () -> payments.withdraw(carol, first, "wd-a-" + n, "600.00", null, NOW),
                () -> payments.withdraw(carol, second, "wd-b-" + n, "600.00", null, NOW));

        assertThat(outcomes).filteredOn(Outcome::passed).hasSize(1);
        assertThat(outcomes).filteredOn(outcome -> outcome.refusal() == ErrorCode.DAILY_WITHDRAWAL_LIMIT).hasSize(1);
    }

    @RepeatedTest(3)
    void aSimultaneousDuplicateWithdrawalIsChargedOnce() throws Exception {
        String n = "d" + SEQUENCE.incrementAndGet();
        Caller dave = new Caller(UserId.of("dave-" + n), false);
        AccountId account = open("dave-" + n, dave.userId());
        String paymentId = "wd-" + n;

        List<Outcome> outcomes = race(
                () -> payments.withdraw(dave, account, paymentId, "600.00", null, NOW),
                () -> payments.withdraw(dave, account, paymentId, "600.00", null, NOW));

        assertThat(outcomes).allMatch(Outcome::passed);
        assertThat(payments.withdraw(dave, account, "wd-more-" + n, "400.00", null, NOW)).isNotNull();
    }

    private record Outcome(boolean passed, ErrorCode refusal) {
    }

    @SafeVarargs
    private static List<Outcome> race(Callable<?>... requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.length);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Outcome>> futures = Arrays.stream(requests).map(request -> pool.submit(() -> {
                start.await();
                try {
                    request.call();
                    return new Outcome(true, null);
                } catch (TandemException refused) {
                    return new Outcome(false, refused.code());
                }
            })).toList();
            start.countDown();
            return futures.stream().map(PaymentEntryConcurrencyTest::outcome).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome outcome(Future<Outcome> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("a request did not finish", e);
        }
    }
}
