package io.tandem.infra.payment;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.payment.PaymentId;
import io.tandem.infra.payment.SimulatedPayment.Outcome;
import io.tandem.saga.payment.PaymentProvider;
import io.tandem.saga.payment.ProviderReceipt;
import io.tandem.saga.payment.ProviderStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The embedded payment provider {@value #NAME}: from the saga's side it behaves like a real one, so
 * every path of the payment saga can be exercised without a network.
 * <ul>
 *   <li>Initiating answers at once with a reference; the payment completes asynchronously after
 *       {@code tandem.payments.simulator.delay} and its outcome is announced by a signed webhook.</li>
 *   <li>Outcomes are drawn from an injected {@link RandomGenerator} (seedable): declined with
 *       {@code decline-rate}, never completing ("timed out": no webhook, PENDING until cancelled) with
 *       {@code timeout-rate}, confirmed otherwise.</li>
 *   <li>Idempotent by payment id: initiating a known payment again returns the same receipt and
 *       changes nothing. {@link #status} answers UNKNOWN for a payment it never received.</li>
 *   <li>Webhooks the receiver could not take are retried with backoff, {@value #MAX_WEBHOOK_ATTEMPTS}
 *       attempts in all; the saga's status checks cover the rest.</li>
 * </ul>
 * Its state is in memory: after a restart it knows no payment, answers UNKNOWN, and the saga
 * initiates again with the same id (a fresh simulation). A real provider keeps its state, which is
 * exactly what the UNKNOWN path of the saga is for.
 */
public class SimulatedPaymentProvider implements PaymentProvider, AutoCloseable {

    public static final String NAME = "simulator";
    static final String DEPOSIT_DECLINED = "CARD_DECLINED";
    static final String PAYOUT_DECLINED = "PAYOUT_REJECTED";
    static final int MAX_WEBHOOK_ATTEMPTS = 5;
    static final Duration FIRST_WEBHOOK_RETRY = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(SimulatedPaymentProvider.class);

    private final SimulatorProperties settings;
    private final RandomGenerator random;
    private final WebhookSender webhooks;
    private final ScheduledExecutorService executor;
    private final ConcurrentMap<PaymentId, SimulatedPayment> payments = new ConcurrentHashMap<>();

    public SimulatedPaymentProvider(SimulatorProperties settings, RandomGenerator random, WebhookSender webhooks) {
        this.settings = settings;
        this.random = random;
        this.webhooks = webhooks;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "payment-simulator");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProviderReceipt initiateDeposit(PaymentId id, AccountId account, Cash amount) {
        return initiate(id, DEPOSIT_DECLINED);
    }

    @Override
    public ProviderReceipt initiatePayout(PaymentId id, AccountId account, Cash amount) {
        return initiate(id, PAYOUT_DECLINED);
    }

    @Override
    public ProviderStatus status(PaymentId id) {
        SimulatedPayment payment = payments.get(id);
        return payment == null ? ProviderStatus.unknown() : payment.status();
    }

    @Override
    public ProviderStatus cancel(PaymentId id) {
        SimulatedPayment payment = payments.get(id);
        return payment == null ? ProviderStatus.declined(ProviderStatus.CANCELLED) : payment.cancel();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private ProviderReceipt initiate(PaymentId id, String declineReason) {
        SimulatedPayment payment = payments.computeIfAbsent(id, key -> {
            SimulatedPayment created = new SimulatedPayment(key, "sim-" + key.value(), draw(), declineReason);
            created.completesWith(executor.schedule(() -> complete(created), settings.delay().toMillis(),
                    TimeUnit.MILLISECONDS));
            return created;
        });
        return new ProviderReceipt(id, payment.reference());
    }

    private Outcome draw() {
        double roll;
        synchronized (random) {
            roll = random.nextDouble();
        }
        if (roll < settings.timeoutRate()) {
            return Outcome.TIME_OUT;
        }
        return roll < settings.timeoutRate() + settings.declineRate() ? Outcome.DECLINE : Outcome.CONFIRM;
    }

    private void complete(SimulatedPayment payment) {
        payment.complete().ifPresent(notice -> deliver(notice, 1));
    }

    private void deliver(ProviderNotice notice, int attempt) {
        boolean delivered;
        try {
            delivered = webhooks.send(notice);
        } catch (RuntimeException e) {
            log.warn("Simulator webhook for payment '{}' failed (attempt {})", notice.paymentId(), attempt, e);
            delivered = false;
        }
        if (!delivered && attempt < MAX_WEBHOOK_ATTEMPTS && !executor.isShutdown()) {
            long backoff = FIRST_WEBHOOK_RETRY.toMillis() << (attempt - 1);
            executor.schedule(() -> deliver(notice, attempt + 1), backoff, TimeUnit.MILLISECONDS);
        }
    }
}
