package io.tandem.saga.settlement;

import io.tandem.contracts.account.CloseReservationCommand;
import io.tandem.contracts.account.CollectFeesCommand;
import io.tandem.contracts.account.SettleBuyCommand;
import io.tandem.contracts.account.SettleSellCommand;
import io.tandem.contracts.common.*;
import io.tandem.contracts.orderbook.OrderFilledEvent;
import io.tandem.contracts.orderbook.TradeExecutedEvent;
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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The settlement processor inside a Spring context: the fee account comes from
 * {@code tandem.settlement.fee-account-id}, and its processing group delivers trades and order
 * closes to it.
 */
@SpringBootTest(classes = SettlementWiringTest.App.class, properties = {
        "axon.axonserver.enabled=false",
        "axon.serializer.general=jackson",
        "tandem.settlement.fee-account-id=fees-from-config"})
class SettlementWiringTest {

    @SpringBootApplication
    @Import(RecordingAccounts.class)
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
    }

    /** Stands in for the account aggregates and records what settlement asked of them. */
    static class RecordingAccounts {

        final List<Object> received = new CopyOnWriteArrayList<>();

        @CommandHandler
        void handle(SettleBuyCommand command) {
            received.add(command);
        }

        @CommandHandler
        void handle(SettleSellCommand command) {
            received.add(command);
        }

        @CommandHandler
        void handle(CollectFeesCommand command) {
            received.add(command);
        }

        @CommandHandler
        void handle(CloseReservationCommand command) {
            received.add(command);
        }
    }

    private static final Instant AT = Instant.parse("2025-01-01T10:00:00Z");

    @Autowired
    private EventGateway events;
    @Autowired
    private RecordingAccounts accounts;

    @Test
    void aTradeIsSettledAndItsFeesGoToTheConfiguredFeeAccount() {
        TradeId trade = TradeId.of("WIRE-1");
        events.publish(new TradeExecutedEvent(Symbol.of("ACME"), trade, Price.ofTicks(1_000), Quantity.ofLots(5), Side.BUY,
                OrderId.of("sell"), OrderId.of("buy"), AccountId.of("buyer"), OrderId.of("buy"), AccountId.of("seller"),
                OrderId.of("sell"), Cash.ofCents(5_000), Cash.ofCents(10), Cash.ofCents(5_000), Cash.ofCents(5), true, true, AT));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(accounts.received)
                .contains(new CollectFeesCommand(AccountId.of("fees-from-config"), trade, Cash.ofCents(15)))
                .hasAtLeastOneElementOfType(SettleBuyCommand.class)
                .hasAtLeastOneElementOfType(SettleSellCommand.class));
    }

    @Test
    void aFilledOrderClosesItsReservation() {
        events.publish(new OrderFilledEvent(Symbol.of("ACME"), OrderId.of("filled"), AccountId.of("buyer"), Side.BUY,
                Quantity.ofLots(5), AT));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(accounts.received)
                .contains(new CloseReservationCommand(AccountId.of("buyer"), OrderId.of("filled"), Quantity.ofLots(5))));
    }
}
