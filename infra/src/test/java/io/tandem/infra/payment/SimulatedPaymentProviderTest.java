package io.tandem.infra.payment;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.payment.PaymentId;
import io.tandem.saga.payment.ProviderReceipt;
import io.tandem.saga.payment.ProviderStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SimulatedPaymentProviderTest {

    private static final AccountId ACCOUNT = AccountId.of("acc-1");
    private static final Cash AMOUNT = Cash.parse("100.00");
    private static final Duration SHORT = Duration.ofMillis(50);

    private final List<ProviderNotice> sent = new CopyOnWriteArrayList<>();
    private SimulatedPaymentProvider simulator;

    @AfterEach
    void stop() {
        simulator.close();
    }

    private SimulatedPaymentProvider simulator(Duration delay, double declineRate, double timeoutRate, WebhookSender sender) {
        simulator = new SimulatedPaymentProvider(new SimulatorProperties(true, delay, declineRate, timeoutRate, null,
                Duration.ofMinutes(5), 42L, null), new Random(42), sender);
        return simulator;
    }

    private SimulatedPaymentProvider simulator(Duration delay, double declineRate, double timeoutRate) {
        return simulator(delay, declineRate, timeoutRate, notice -> sent.add(notice));
    }

    @Test
    void depositIsPendingUntilItCompletesThenConfirmedWithAWebhook() {
        SimulatedPaymentProvider provider = simulator(Duration.ofMillis(300), 0, 0);
        PaymentId id = PaymentId.of("dep-1");

        ProviderReceipt receipt = provider.initiateDeposit(id, ACCOUNT, AMOUNT);

        assertThat(receipt).isEqualTo(new ProviderReceipt(id, "sim-dep-1"));
        assertThat(provider.status(id)).isEqualTo(ProviderStatus.pending());
        await().untilAsserted(() -> assertThat(sent).containsExactly(
                new ProviderNotice(id, ProviderStatus.confirmed("sim-dep-1"))));
        assertThat(provider.status(id)).isEqualTo(ProviderStatus.confirmed("sim-dep-1"));
    }

    @Test
    void declinedDepositAndPayoutCarryTheirReasons() {
        SimulatedPaymentProvider provider = simulator(SHORT, 1, 0);

        provider.initiateDeposit(PaymentId.of("dep-1"), ACCOUNT, AMOUNT);
        provider.initiatePayout(PaymentId.of("wd-1"), ACCOUNT, AMOUNT);

        await().untilAsserted(() -> assertThat(sent).containsExactlyInAnyOrder(
                new ProviderNotice(PaymentId.of("dep-1"), ProviderStatus.declined(SimulatedPaymentProvider.DEPOSIT_DECLINED)),
                new ProviderNotice(PaymentId.of("wd-1"), ProviderStatus.declined(SimulatedPaymentProvider.PAYOUT_DECLINED))));
    }

    @Test
    void initiatingTheSamePaymentAgainChangesNothingAndSendsOneWebhook() {
        SimulatedPaymentProvider provider = simulator(SHORT, 0, 0);
        PaymentId id = PaymentId.of("dep-1");

        ProviderReceipt first = provider.initiateDeposit(id, ACCOUNT, AMOUNT);
        await().until(() -> provider.status(id).kind() == ProviderStatus.Kind.CONFIRMED);
        ProviderReceipt again = provider.initiateDeposit(id, ACCOUNT, AMOUNT);

        assertThat(again).isEqualTo(first);
        assertThat(provider.status(id)).isEqualTo(ProviderStatus.confirmed("sim-dep-1"));
        assertThat(sent).hasSize(1);
    }

    @Test
    void timedOutPaymentStaysPendingWithoutWebhookUntilCancelled() {
        SimulatedPaymentProvider provider = simulator(Duration.ZERO, 0, 1);
        PaymentId id = PaymentId.of("wd-1");
        provider.initiatePayout(id, ACCOUNT, AMOUNT);

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> sent.isEmpty() && provider.status(id).equals(ProviderStatus.pending()));

        assertThat(provider.cancel(id)).isEqualTo(ProviderStatus.declined(ProviderStatus.CANCELLED));
        assertThat(provider.status(id)).isEqualTo(ProviderStatus.declined(ProviderStatus.CANCELLED));
    }

    @Test
    void cancellingAPendingPaymentPreventsItsCompletion() {
        SimulatedPaymentProvider provider = simulator(Duration.ofMillis(200), 0, 0);
        PaymentId id = PaymentId.of("dep-1");
        provider.initiateDeposit(id, ACCOUNT, AMOUNT);

        assertThat(provider.cancel(id)).isEqualTo(ProviderStatus.declined(ProviderStatus.CANCELLED));

        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(sent::isEmpty);
        assertThat(provider.status(id)).isEqualTo(ProviderStatus.declined(ProviderStatus.CANCELLED));
    }

    @Test
    void cancellingACompletedPaymentAnswersItsOutcome() {
        SimulatedPaymentProvider provider = simulator(SHORT, 0, 0);
        PaymentId id = PaymentId.of("dep-1");
        provider.initiateDeposit(id, ACCOUNT, AMOUNT);
        await().until(() -> !sent.isEmpty());

        assertThat(provider.cancel(id)).isEqualTo(ProviderStatus.confirmed("sim-dep-1"));
    }

    @Test
    void unknownPaymentIsUnknownAndCancelsAsNeverHappened() {
        SimulatedPaymentProvider provider = simulator(SHORT, 0, 0);

        assertThat(provider.status(PaymentId.of("never"))).isEqualTo(ProviderStatus.unknown());
        assertThat(provider.cancel(PaymentId.of("never"))).isEqualTo(ProviderStatus.declined(ProviderStatus.CANCELLED));
    }

    @Test
    void webhookTheReceiverCouldNotTakeIsSentAgain() {
        AtomicInteger attempts = new AtomicInteger();
        SimulatedPaymentProvider provider = simulator(SHORT, 0, 0, notice -> {
            sent.add(notice);
            return attempts.incrementAndGet() > 1;
        });

        provider.initiateDeposit(PaymentId.of("dep-1"), ACCOUNT, AMOUNT);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(sent).hasSize(2));
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> sent.size() == 2);
    }

    @Test
    void sameSeedDrawsTheSameOutcomes() {
        SimulatedPaymentProvider provider = simulator(Duration.ZERO, 0.5, 0);
        List<ProviderStatus.Kind> first = outcomes(provider);
        provider.close();
        sent.clear();
        List<ProviderStatus.Kind> second = outcomes(simulator(Duration.ZERO, 0.5, 0));

        assertThat(second).isEqualTo(first).contains(ProviderStatus.Kind.CONFIRMED, ProviderStatus.Kind.DECLINED);
    }

    private List<ProviderStatus.Kind> outcomes(SimulatedPaymentProvider provider) {
        List<PaymentId> ids = IntStream.range(0, 20).mapToObj(i -> PaymentId.of("p-" + i)).toList();
        ids.forEach(id -> provider.initiateDeposit(id, ACCOUNT, AMOUNT));
        await().until(() -> sent.size() == ids.size());
        return ids.stream().map(id -> provider.status(id).kind()).toList();
    }
}
