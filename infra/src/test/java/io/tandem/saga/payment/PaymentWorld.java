package io.tandem.saga.payment;

import io.tandem.command.account.Account;
import io.tandem.command.payment.Payment;
import io.tandem.command.payment.PaymentIds;
import io.tandem.contracts.account.*;
import io.tandem.contracts.common.*;
import io.tandem.contracts.payment.*;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.saga.repository.inmemory.InMemorySagaStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.deadline.StubDeadlineManager;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The real Account and Payment aggregates and the real PaymentSaga in a small in-memory Axon
 * configuration (in-memory event and saga stores, subscribing processors, a simple command bus),
 * with a simulated bank as provider, a deferring command bus that lets the test choose when and in
 * which order the saga's commands run, and a stub deadline manager whose clock the test moves.
 * Requests go in as payment entry sends them (account leg, then payment, under the id payment entry
 * derives from the account and the client's id); webhooks as the webhook endpoint sends them, naming
 * the provider whose signature they carry (the bank's, or another provider's). Client
 * payment ids are numbered per account, so every account's clients reuse the same ones ("p1", "p2",
 * ...) and only the account scoping keeps their payments apart.
 */
final class PaymentWorld implements AutoCloseable {

    static final int ACCOUNTS = 3;
    static final long OPENING_BALANCE = 20_000;
    static final PaymentSagaProperties SETTINGS = new PaymentSagaProperties(Duration.ofSeconds(30), 3,
            BigDecimal.valueOf(2), Duration.ofMinutes(5));
    private static final Symbol SYMBOL = Symbol.of("ACME");
    private static final UserId ADMIN = UserId.of("admin");
    /** A provider this world's payments were not requested through. */
    private static final String OTHER_PROVIDER = "other-bank";

    private record Request(List<Object> commands) {
    }

    private record Order(AccountId accountId, OrderId orderId) {
    }

    final SimulatedBank bank = new SimulatedBank();
    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private final StubDeadlineManager deadlines = new StubDeadlineManager(Instant.parse("2025-01-01T00:00:00Z"));
    private final DeferringCommandBus bus = new DeferringCommandBus(SimpleCommandBus.builder().build());
    private final Configuration configuration;
    private final CommandGateway gateway;
    private final List<Request> requests = new ArrayList<>();
    private final List<Order> orders = new ArrayList<>();
    private final Set<PaymentId> contradicted = new HashSet<>();
    private final int[] clientPaymentIds = new int[ACCOUNTS];
    private int sequence;

    PaymentWorld() {
        System.setProperty("disable-axoniq-console-message", "true");
        Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .configureEmbeddedEventStore(c -> storage)
                .configureCommandBus(c -> bus)
                .configureAggregate(Account.class)
                .configureAggregate(Payment.class)
                .registerComponent(DeadlineManager.class, c -> deadlines)
                .registerComponent(PaymentProviders.class, c -> PaymentProviders.of(bank))
                .registerComponent(PaymentSagaProperties.class, c -> SETTINGS);
        configurer.eventProcessing(processing -> processing.usingSubscribingEventProcessors()
                .registerSaga(PaymentSaga.class, saga -> saga.configureSagaStore(c -> new InMemorySagaStore())));
        configuration = configurer.start();
        gateway = configuration.commandGateway();
        for (int i = 0; i < ACCOUNTS; i++) {
            gateway.sendAndWait(new OpenAccountCommand(account(i), owner(i), AccountType.TRADING));
            gateway.sendAndWait(new AdjustCashCommand(account(i), AdjustmentId.of("opening"), Cash.ofCents(OPENING_BALANCE), "opening", ADMIN));
        }
    }

    static AccountId account(int index) {
        return AccountId.of("acc-" + Math.floorMod(index, ACCOUNTS));
    }

    private static UserId owner(int index) {
        return UserId.of("user-" + Math.floorMod(index, ACCOUNTS));
    }

    void deposit(int account, long cents) {
        PaymentId id = nextPaymentId(account);
        request(new AcceptDepositCommand(account(account), id, owner(account), Cash.ofCents(cents)),
                new RequestDepositCommand(id, account(account), owner(account), Cash.ofCents(cents), bank.name(), now()));
    }

    void withdraw(int account, long cents) {
        PaymentId id = nextPaymentId(account);
        request(new ReserveWithdrawalCommand(account(account), id, owner(account), Cash.ofCents(cents)),
                new RequestWithdrawalCommand(id, account(account), owner(account), Cash.ofCents(cents), bank.name(), now()));
    }

    /** The id of the account's next payment, as payment entry derives it from the client's next id on that account. */
    private PaymentId nextPaymentId(int account) {
        int index = Math.floorMod(account, ACCOUNTS);
        return PaymentIds.of(account(index), "p" + ++clientPaymentIds[index]);
    }

    /** Payment entry's two steps; a refused first step (no funds) leaves nothing, as its rolled-back transaction would. */
    private void request(Object accountLeg, Object payment) {
        if (refused(accountLeg)) {
            return;
        }
        gateway.sendAndWait(payment);
        requests.add(new Request(List.of(accountLeg, payment)));
    }

    /** A client retrying an earlier request with the same payment id: it must change nothing. */
    void retryRequest(int index) {
        if (!requests.isEmpty()) {
            requests.get(Math.floorMod(index, requests.size())).commands().forEach(gateway::sendAndWait);
        }
    }

    void decide(int index, boolean complete) {
        List<PaymentId> pending = bank.pending();
        if (!pending.isEmpty()) {
            bank.decide(pending.get(Math.floorMod(index, pending.size())), complete);
        }
    }

    /** Delivers one of the bank's webhooks; the same one may be delivered again later. */
    void deliverWebhook(int index) {
        if (bank.webhooks.isEmpty()) {
            return;
        }
        SimulatedBank.Webhook webhook = bank.webhooks.get(Math.floorMod(index, bank.webhooks.size()));
        gateway.sendAndWait(webhook.confirmed()
                ? new ConfirmPaymentCommand(webhook.paymentId(), bank.name(), SimulatedBank.reference(webhook.paymentId()), now())
                : new FailPaymentCommand(webhook.paymentId(), bank.name(), "DECLINED_BY_BANK", now()));
    }

    /**
     * A validly signed answer that contradicts the bank, or repeats an old one out of order: the first
     * final answer must stand and no money may move twice. Such payments are remembered, because
     * the platform then need not agree with the bank about them.
     */
    void contradict(int index, boolean confirmed) {
        if (requests.isEmpty()) {
            return;
        }
        PaymentId id = requestedPayment(index);
        contradicted.add(id);
        gateway.sendAndWait(confirmed
                ? new ConfirmPaymentCommand(id, bank.name(), "forged-" + id, now())
                : new FailPaymentCommand(id, bank.name(), "OUT_OF_ORDER", now()));
    }

    /**
     * A validly signed answer from another provider about one of the bank's payments: it must be
     * refused as if the payment did not exist, and so change nothing.
     */
    void answerAsAnotherProvider(int index, boolean confirmed) {
        if (requests.isEmpty()) {
            return;
        }
        PaymentId id = requestedPayment(index);
        Object answer = confirmed
                ? new ConfirmPaymentCommand(id, OTHER_PROVIDER, "other-" + id, now())
                : new FailPaymentCommand(id, OTHER_PROVIDER, "OTHER_PROVIDER", now());
        try {
            gateway.sendAndWait(answer);
        } catch (TandemException refusal) {
            if (refusal.code() == ErrorCode.PAYMENT_NOT_FOUND) {
                return;
            }
            throw refusal;
        }
        throw new AssertionError("payment " + id + " took an answer from " + OTHER_PROVIDER);
    }

    private PaymentId requestedPayment(int index) {
        Object created = requests.get(Math.floorMod(index, requests.size())).commands().get(1);
        return created instanceof RequestDepositCommand deposit ? deposit.paymentId() : ((RequestWithdrawalCommand) created).paymentId();
    }

    boolean contradicted(PaymentId id) {
        return contradicted.contains(id);
    }

    void runSagaCommand(int index) {
        bus.runOne(index);
    }

    void elapse(Duration duration) {
        deadlines.advanceTimeBy(duration, this::trigger);
    }

    void adjust(int account, long cents) {
        refused(new AdjustCashCommand(account(account), AdjustmentId.of("adj-" + ++sequence), Cash.ofCents(cents), "adjustment", ADMIN));
    }

    void outage(int calls, boolean lostAnswers) {
        bank.outage(calls, lostAnswers);
    }

    void reserveForOrder(int account, long cents) {
        OrderId orderId = OrderId.of("o" + ++sequence);
        if (!refused(new ReserveCashCommand(account(account), owner(account), orderId, SYMBOL, Cash.ofCents(cents)))) {
            orders.add(new Order(account(account), orderId));
        }
    }

    void closeOrder(int index) {
        if (!orders.isEmpty()) {
            Order order = orders.remove(Math.floorMod(index, orders.size()));
            gateway.sendAndWait(new CloseReservationCommand(order.accountId(), order.orderId(), Quantity.ZERO));
        }
    }

    /**
     * Lets everything in flight finish: runs the saga's commands and moves the clock to the next
     * deadline until nothing is left (the bank's outages run out; pending payments time out).
     */
    void settle() {
        bank.outage(0, false);
        for (int round = 0; round < 1_000 && (bus.pending() > 0 || !deadlines.getScheduledDeadlines().isEmpty()); round++) {
            if (!bus.runOne(0)) {
                deadlines.advanceTimeTo(deadlines.getScheduledDeadlines().get(0).getScheduleTime(), this::trigger);
            }
        }
    }

    boolean quiet() {
        return bus.pending() == 0 && deadlines.getScheduledDeadlines().isEmpty();
    }

    /** Whether the account itself refuses to reserve {@code cents} for a withdrawal (its own view of its balance). */
    boolean accountRefusesWithdrawalOf(int account, long cents) {
        PaymentId probe = PaymentIds.of(account(account), "probe-" + ++sequence);
        return refused(new ReserveWithdrawalCommand(account(account), probe, owner(account), Cash.ofCents(cents)));
    }

    PaymentLedger ledger() {
        return PaymentLedger.of(storage.readEvents(null, false).map(EventMessage::getPayload).map(Object.class::cast).toList());
    }

    private boolean refused(Object command) {
        try {
            gateway.sendAndWait(command);
            return false;
        } catch (TandemException refusal) {
            return true;
        }
    }

    private Instant now() {
        return deadlines.getCurrentDateTime();
    }

    /** Delivers a due deadline to its saga, in a unit of work as a real deadline manager does. */
    private void trigger(ScopeDescriptor scope, DeadlineMessage<?> deadline) {
        DefaultUnitOfWork.startAndGet(deadline).execute(() -> configuration.scopeAwareProvider().provideScopeAwareStream(scope)
                .filter(component -> component.canResolve(scope))
                .forEach(component -> {
                    try {
                        component.send(deadline, scope);
                    } catch (Exception e) {
                        throw new IllegalStateException("deadline " + deadline.getDeadlineName() + " failed", e);
                    }
                }));
    }

    @Override
    public void close() {
        configuration.shutdown();
    }
}
