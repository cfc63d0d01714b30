package io.tandem.infra.config;

import io.tandem.contracts.account.AccountOpenedEvent;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.orderbook.InstrumentListedEvent;
import io.tandem.contracts.orderbook.InstrumentSpec;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.metamodel.EntityType;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.tokenstore.jpa.TokenEntry;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jpa.DomainEventEntry;
import org.axonframework.eventsourcing.eventstore.jpa.SnapshotEventEntry;
import org.axonframework.modelling.saga.repository.jpa.AssociationValueEntry;
import org.axonframework.modelling.saga.repository.jpa.SagaEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.graphql.GraphQlAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded event store as {@code application.yml} configures it: Axon's JPA storage engine on
 * an H2 file under the data dir, with the global-index sequence override and the Jackson serializer.
 * Runs Axon and JPA only (no Tandem modules), restarting on the same data dir where it matters.
 */
class EventStoreTest {

    @TempDir
    Path dataDir;

    @Test
    void globalIndexesAreConsecutiveAcrossARestart() {
        try (ConfigurableApplicationContext first = start()) {
            appendAccountEvents(first, "acc-1", 3);
        }
        try (ConfigurableApplicationContext second = start()) {
            appendAccountEvents(second, "acc-2", 3);

            List<Long> indexes = second.getBean(JdbcTemplate.class)
                    .queryForList("select global_index from domain_event_entry order by global_index", Long.class);
            assertThat(indexes).containsExactlyElementsOf(LongStream.rangeClosed(1, 6).boxed().toList());
        }
    }

    @Test
    void axonEntitiesAreRegisteredWithJpa() {
        try (ConfigurableApplicationContext context = start()) {
            List<Class<?>> entities = context.getBean(EntityManagerFactory.class).getMetamodel().getEntities().stream()
                    .<Class<?>>map(EntityType::getJavaType).toList();

            assertThat(entities).contains(DomainEventEntry.class, SnapshotEventEntry.class, TokenEntry.class,
                    SagaEntry.class, AssociationValueEntry.class);
        }
    }

    @Test
    void eventsRoundTripExactlyThroughTheJacksonSerializer() {
        InstrumentSpec spec = new InstrumentSpec(Symbol.of("ACME"), "Acme Corp", new BigDecimal("0.01"),
                new BigDecimal("0.0001"), new BigDecimal("0.001"), new BigDecimal("0.002"), Quantity.ofLots(10_000_000_000L),
                Cash.parse("1000000.00"), new BigDecimal("0.10"));
        InstrumentListedEvent listed = new InstrumentListedEvent(Symbol.of("ACME"), spec, AccountId.of("issuer-1"),
                Quantity.ofLots(10_000_000_000L), Instant.parse("2026-01-02T03:04:05.123456Z"));
        try (ConfigurableApplicationContext context = start()) {
            append(context, "OrderBook", "ACME", 0, listed);

            DomainEventStream stream = context.getBean(EventStore.class).readEvents("ACME");

            assertThat(stream.next().getPayload()).isEqualTo(listed);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(AxonAndJpaOnly.class)
                .web(WebApplicationType.NONE)
                .run("--tandem.data-dir=" + dataDir, "--spring.main.banner-mode=off",
                        // Without Tandem's configuration there is no deadline table; deadlines are not under test here.
                        "--db-scheduler.enabled=false");
    }

    private static void appendAccountEvents(ConfigurableApplicationContext context, String aggregateId, int count) {
        for (int sequence = 0; sequence < count; sequence++) {
            append(context, "Account", aggregateId, sequence,
                    new AccountOpenedEvent(AccountId.of(aggregateId), UserId.of("alice"), AccountType.TRADING));
        }
    }

    private static void append(ConfigurableApplicationContext context, String type, String aggregateId, long sequence,
                               Object payload) {
        EventStore eventStore = context.getBean(EventStore.class);
        context.getBean(TransactionTemplate.class).executeWithoutResult(status ->
                eventStore.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload)));
    }

    /** Auto-configuration only: Axon, JPA and H2 as application.yml sets them up, without Tandem's modules (nor the GraphQL schema, whose scalars are Tandem's). */
    // Not a @SpringBootConfiguration (a @Configuration): the application's component scan, which covers test
    // classes in tests that start it without @SpringBootTest, would pick it up and apply its exclusions everywhere.
    @EnableAutoConfiguration(exclude = {MongoAutoConfiguration.class, GraphQlAutoConfiguration.class})
    static class AxonAndJpaOnly {
    }
}
