package io.tandem.infra.upcasting;

import com.mongodb.client.MongoDatabase;
import io.tandem.TandemApplication;
import io.tandem.contracts.account.AccountOpenedEvent;
import io.tandem.contracts.account.CollectFeesCommand;
import io.tandem.contracts.account.FeesCollectedEvent;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.common.UserId;
import io.tandem.projection.portfolio.AccountProjector;
import io.tandem.projection.support.AccountDocuments;
import io.tandem.projection.support.ReadModelCollections;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fee collections stored as revisions 1 and 2 wrote them (rows put into the embedded event table
 * while the server is stopped) are read as revision 3 after a restart: by the event store, by the
 * account aggregate (whose fee watermark comes from the old events, so a repeated run collects only
 * the new trade), and by the portfolio projection, live and in a replay from the start of the log.
 */
class FeesCollectedEventUpcastingTest {

    private static final String ACCOUNT = "legacy-fees";

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(TandemApplication.class)
                .run("--server.port=0", "--tandem.data-dir=" + dataDir, "--spring.main.banner-mode=off");
    }

    @Test
    void feeEventsOfRevisionsOneAndTwoLoadAsRevisionThreeEverywhere() {
        start().close();
        // The server is stopped: its caches and processors cannot see the rows until it starts again.
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:file:" + dataDir + "/axon", "sa", ""));
        store(jdbc, 0, AccountOpenedEvent.class.getName(), "1",
                "{\"accountId\":\"legacy-fees\",\"owner\":\"platform\",\"type\":\"TRADING\"}");
        store(jdbc, 1, FeesCollectedEvent.class.getName(), "1",
                "{\"accountId\":\"legacy-fees\",\"tradeId\":\"OLD-3\",\"amount\":4}");
        store(jdbc, 2, FeesCollectedEvent.class.getName(), "2",
                "{\"accountId\":\"legacy-fees\",\"tradeId\":\"OLD-9\",\"amount\":12,\"firstTradeId\":\"OLD-4\"}");
        jdbc.execute("shutdown");

        try (ConfigurableApplicationContext second = start()) {
            EventStore eventStore = second.getBean(EventStore.class);
            AccountId account = AccountId.of(ACCOUNT);
            assertThat(eventStore.readEvents(ACCOUNT).asStream().map(message -> (Object) message.getPayload()).toList()).containsExactly(
                    new AccountOpenedEvent(account, UserId.of("platform"), AccountType.TRADING),
                    new FeesCollectedEvent(account, TradeId.of("OLD-3"), TradeId.of("OLD-3"), Cash.ofCents(4)),
                    new FeesCollectedEvent(account, TradeId.of("OLD-4"), TradeId.of("OLD-9"), Cash.ofCents(12)));
            try (Stream<? extends TrackedEventMessage<?>> all = eventStore.openStream(null).asStream()) {
                assertThat(all.limit(countEvents(second)).map(message -> (Object) message.getPayload())
                        .filter(payload -> payload instanceof FeesCollectedEvent fees && fees.accountId().equals(account)))
                        .containsExactly(
                                new FeesCollectedEvent(account, TradeId.of("OLD-3"), TradeId.of("OLD-3"), Cash.ofCents(4)),
                                new FeesCollectedEvent(account, TradeId.of("OLD-4"), TradeId.of("OLD-9"), Cash.ofCents(12)));
            }

            // Trades 8 to 10: 8 and 9 were collected by the revision 2 event, so only 10 is.
            second.getBean(CommandGateway.class).sendAndWait(new CollectFeesCommand(account, TradeId.of("OLD-8"),
                    List.of(Cash.ofCents(100), Cash.ofCents(100), Cash.ofCents(5))));
            assertThat(eventStore.readEvents(ACCOUNT).asStream().map(message -> (Object) message.getPayload()).toList()).last()
                    .isEqualTo(new FeesCollectedEvent(account, TradeId.of("OLD-10"), TradeId.of("OLD-10"), Cash.ofCents(5)));

            MongoDatabase readModels = second.getBean(MongoDatabase.class);
            awaitAvailable(readModels, 21);
            StreamingEventProcessor portfolio = second.getBean(EventProcessingConfiguration.class)
                    .eventProcessor(AccountProjector.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
            portfolio.shutDown();
            readModels.getCollection(ReadModelCollections.ACCOUNTS).deleteOne(new Document("_id", ACCOUNT));
            portfolio.resetTokens();
            portfolio.start();
            awaitAvailable(readModels, 21);
        }
    }

    private static long countEvents(ConfigurableApplicationContext context) {
        return context.getBean(JdbcTemplate.class).queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    private static void awaitAvailable(MongoDatabase readModels, long cents) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Document document = readModels.getCollection(ReadModelCollections.ACCOUNTS).find(new Document("_id", ACCOUNT)).first();
            assertThat(document).isNotNull();
            assertThat(((Number) document.get(AccountDocuments.AVAILABLE)).longValue()).isEqualTo(cents);
        });
    }

    /** An event row as Axon's JPA store writes one, after every event in the table. */
    private static void store(JdbcTemplate jdbc, long sequence, String payloadType, String revision, String payload) {
        Long highest = jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
        jdbc.update("""
                insert into domain_event_entry (global_index, aggregate_identifier, sequence_number, type, event_identifier,
                                                meta_data, payload, payload_revision, payload_type, time_stamp)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                highest + 1, ACCOUNT, sequence, "Account", UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8), revision, payloadType, Instant.now().toString());
    }
}
