package io.tandem.saga.copy;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.copy.CopyEngine.MirrorRequest;
import io.tandem.contracts.copy.CopyId;
import io.tandem.contracts.copy.CopyStartedEvent;
import io.tandem.contracts.copy.SizingMode;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.SimpleDeadlineManager;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

import java.math.BigDecimal;
import java.time.Duration;

import static io.tandem.saga.copy.MirrorFixtures.ACME;
import static io.tandem.saga.copy.MirrorFixtures.SHARE;
import static io.tandem.saga.copy.MirrorFixtures.T0;
import static io.tandem.saga.copy.MirrorFixtures.deposit;
import static io.tandem.saga.copy.MirrorFixtures.in;
import static io.tandem.saga.copy.MirrorFixtures.listed;
import static io.tandem.saga.copy.MirrorFixtures.opened;
import static io.tandem.saga.copy.MirrorFixtures.out;
import static io.tandem.saga.copy.MirrorFixtures.supply;
import static io.tandem.saga.copy.MirrorFixtures.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The copy-mirror process in a Spring context, in a pooled processor fed by a real (in-memory) event
 * store, as infra configures it: the mirror of a leader trade reaches the engine on the engine's threads,
 * outside any unit of work, with the equities from just before the trade; a batch whose mirror failed is
 * retried from the committed state, so the retry asks the same and the trade is folded in once. The
 * group is given four segments here: its sequencing policy still puts every event in one of them.
 */
@SpringBootTest(classes = CopyMirrorWiringTest.App.class, properties = {
        "axon.axonserver.enabled=false",
        "axon.serializer.general=jackson",
        "axon.eventhandling.processors.copy-mirror.mode=pooled",
        "axon.eventhandling.processors.copy-mirror.thread-count=2",
        "axon.eventhandling.processors.copy-mirror.initial-segment-count=4",
        "tandem.copy.mirror.threads=3"})
class CopyMirrorWiringTest {

    @SpringBootApplication
    static class App {

        @Bean
        EventStorageEngine eventStorageEngine() {
            return new InMemoryEventStorageEngine();
        }

        @Bean
        RecordingEngine copyEngine() {
            return new RecordingEngine();
        }

        @Bean
        InMemoryMirrorState copyMirrorState() {
            return new InMemoryMirrorState();
        }

        /** As in infra (EventProcessorDefaults): a handler's failure fails its batch, which is retried. */
        @Bean
        ConfigurerModule propagatingErrors() {
            return configurer -> configurer.eventProcessing(processing ->
                    processing.registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance()));
        }

        @Bean
        DeadlineManager deadlineManager(Configuration configuration) {
            return SimpleDeadlineManager.builder().scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration)).build();
        }
    }

    private static final AccountId ISSUER = AccountId.of("w-issuer");
    private static final AccountId LEADER = AccountId.of("w-leader");
    private static final AccountId MAIN = AccountId.of("w-main");
    private static final AccountId COPY_ACCOUNT = AccountId.of("w-copyacct");
    private static final CopyId COPY = CopyId.of("w-copy");

    @Autowired
    private EventGateway events;
    @Autowired
    private RecordingEngine engine;
    @Autowired
    private InMemoryMirrorState state;

    @Test
    void aLeaderTradeIsMirroredOnTheEngineThreadsAndAFailedBatchIsRetriedFromTheCommittedState() {
        engine.failingMirrors.set(1);
        events.publish(opened(ISSUER, AccountType.TRADING), listed(ACME, ISSUER), supply(ISSUER, ACME, 1_000),
                opened(LEADER, AccountType.TRADING), deposit(LEADER, 1_000_000), trade(1, ACME, LEADER, ISSUER, 100, 1_000, 100),
                opened(MAIN, AccountType.TRADING), deposit(MAIN, 100_000), opened(COPY_ACCOUNT, AccountType.COPY),
                out(MAIN, COPY_ACCOUNT, 100_000), in(COPY_ACCOUNT, MAIN, 100_000),
                new CopyStartedEvent(COPY, UserId.of("w-copier"), "c", MAIN, COPY_ACCOUNT, UserId.of("w-leader"), "leader",
                        LEADER, Cash.ofCents(100_000), BigDecimal.TEN, Cash.ofCents(90_000), SizingMode.PROPORTIONAL, null,
                        false, T0),
                trade(2, ACME, LEADER, ISSUER, 50, 1_050, 50));

        MirrorRequest expected = new MirrorRequest(COPY, TradeId.of(ACME, 2), ACME, Side.BUY, Quantity.ofLots(50 * SHARE),
                Price.ofTicks(1_050), Cash.ofCents(999_900), Cash.ofCents(100_000), Quantity.ofLots(100 * SHARE),
                T0.plusSeconds(2));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(engine.callsOf(MirrorRequest.class)).containsExactly(expected, expected);
            assertThat(state.accounts().get(LEADER).cashCents()).isEqualTo(1_000_000 - 100_100 - 52_550);
        });
        assertThat(engine.threads).allMatch(name -> name.startsWith("copy-mirror-engine-"));
        assertThat(engine.inUnitOfWork).containsOnly(false);
        assertThat(state.copies()).containsKey(COPY);
    }
}
