package io.tandem.saga.payment;

import io.tandem.contracts.account.CreditDepositCommand;
import io.tandem.contracts.payment.ConfirmPaymentCommand;
import io.tandem.contracts.payment.DepositRequestedEvent;
import io.tandem.contracts.payment.PaymentConfirmedEvent;
import io.tandem.contracts.payment.PaymentDirection;
import io.tandem.contracts.payment.PaymentId;
import io.tandem.contracts.payment.RecordPaymentInitiatedCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.SimpleDeadlineManager;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.tandem.saga.payment.PaymentSagaFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The saga inside a Spring context with a real deadline manager: its handler parameters (command
 * gateway, deadline manager, provider registry, settings) resolve, the settings bind from
 * {@code tandem.payments.*}, every {@link PaymentProvider} bean is in the registry, and a status
 * check fires after the configured delay.
 */
@SpringBootTest(classes = PaymentSagaWiringTest.App.class, properties = {
        "axon.axonserver.enabled=false",
        "axon.serializer.general=jackson",
        "tandem.payments.status-check-delay=PT0.2S",
        "tandem.payments.max-attempts=7",
        "tandem.payments.backoff-multiplier=1.5",
        "tandem.payments.max-status-check-delay=PT1S"})
class PaymentSagaWiringTest {

    @SpringBootApplication
    @Import(RecordingPayments.class)
    static class App {

        @Bean
        EventStorageEngine eventStorageEngine() {
            return new InMemoryEventStorageEngine();
        }

        /** The application's deadline manager is infra's persistent one; an in-memory one is enough here. */
        @Bean
        DeadlineManager deadlineManager(Configuration configuration) {
            return SimpleDeadlineManager.builder().scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration)).build();
        }

        @Bean
        ScriptedProvider simulator() {
            return new ScriptedProvider();
        }
    }

    /** Stands in for the Payment and Account aggregates and records what the saga asked of them. */
    static class RecordingPayments {

        final List<Object> received = new CopyOnWriteArrayList<>();

        @CommandHandler
        void handle(RecordPaymentInitiatedCommand command) {
            received.add(command);
        }

        @CommandHandler
        void handle(ConfirmPaymentCommand command) {
            received.add(command);
        }

        @CommandHandler
        void handle(CreditDepositCommand command) {
            received.add(command);
        }
    }

    @Autowired
    private EventGateway events;
    @Autowired
    private RecordingPayments payments;
    @Autowired
    private ScriptedProvider provider;
    @Autowired
    private PaymentProviders providers;
    @Autowired
    private PaymentSagaProperties settings;

    @Test
    void theSettingsBindFromTandemPayments() {
        assertThat(settings).isEqualTo(new PaymentSagaProperties(Duration.ofMillis(200), 7, new BigDecimal("1.5"), Duration.ofSeconds(1)));
    }

    @Test
    void everyProviderBeanIsInTheRegistry() {
        assertThat(providers.get(ScriptedProvider.NAME)).isSameAs(provider);
    }

    @Test
    void aRequestedDepositIsInitiatedAndConfirmedByTheStatusCheck() {
        PaymentId paymentId = PaymentId.of("wired-1");
        provider.answersStatus(ProviderStatus.confirmed("sim-wired-1"));

        events.publish(new DepositRequestedEvent(paymentId, ACCOUNT, ALICE, AMOUNT, ScriptedProvider.NAME, T0));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(payments.received)
                .anySatisfy(command -> assertThat(command).isInstanceOfSatisfying(RecordPaymentInitiatedCommand.class,
                        initiated -> assertThat(initiated.paymentId()).isEqualTo(paymentId)))
                .anySatisfy(command -> assertThat(command).isInstanceOfSatisfying(ConfirmPaymentCommand.class,
                        confirmed -> assertThat(confirmed.providerReference()).isEqualTo("sim-wired-1"))));
        events.publish(new PaymentConfirmedEvent(paymentId, ACCOUNT, PaymentDirection.DEPOSIT, AMOUNT, "sim-wired-1", T0));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(payments.received)
                .contains(new CreditDepositCommand(ACCOUNT, paymentId)));
    }
}
