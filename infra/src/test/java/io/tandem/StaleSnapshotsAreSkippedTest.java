package io.tandem;

import io.tandem.TandemClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Snapshots of an older layout, stored in the embedded event store as an earlier version would have
 * left them, are skipped when the aggregate is loaded (Axon's revision snapshot filter, driven by the
 * aggregates' {@code @Revision}), and the aggregates are rebuilt from their events instead: after a
 * restart (empty caches) the book still holds its resting ask and the buyer still has their cash.
 * Were they read, the book would load without its state and the account without its cash. A snapshot
 * stored without a revision is what a version of an aggregate without {@code @Revision} wrote: it is
 * read back only as long as the aggregate has no revision either, whatever its shape.
 */
class StaleSnapshotsAreSkippedTest {

    private static final String SYMBOL = "SNAP";

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(TandemApplication.class)
                .run("--server.port=0", "--tandem.data-dir=" + dataDir, "--spring.main.banner-mode=off");
    }

    private static TandemClient clientFor(ConfigurableApplicationContext application) {
        return new TandemClient(((WebServerApplicationContext) application).getWebServer().getPort());
    }

    @Test
    void snapshotsOfAnOlderRevisionAreSkippedAndTheAggregatesRebuiltFromTheirEvents() {
        String aliceAccount;
        String issuerAccount;
        try (ConfigurableApplicationContext first = start()) {
            TandemClient client = clientFor(first);
            String admin = client.token("admin", "ADMIN");
            String issuer = client.token("snap-issuer", "TRADER");
            String alice = client.token("snap-alice", "TRADER");
            issuerAccount = client.openAccount(issuer);
            aliceAccount = client.openAccount(alice);
            client.list(admin, SYMBOL, issuerAccount, "1000000");
            assertThat(client.adjust(admin, aliceAccount, "fund-alice", "1000.00").status()).isEqualTo(200);
            Response ask = client.place(issuer, issuerAccount, "ask-1", SYMBOL, "SELL", "10.00", "50", "GTC");
            assertThat(ask.text("status")).as(ask.raw()).isEqualTo("NEW");

            // Readable, but wrong: a book without its orders, an account without its cash. Without a
            // revision (as a version without @Revision wrote them) at the latest sequence number, and
            // of the previous revision one event earlier.
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            String emptyBook = "{\"symbol\":\"" + SYMBOL + "\"}";
            String emptyAccount = "{\"accountId\":\"" + aliceAccount + "\",\"owner\":\"snap-alice\"}";
            storeSnapshot(jdbc, SYMBOL, 0, "OrderBook", "io.tandem.command.orderbook.OrderBook", null, emptyBook);
            storeSnapshot(jdbc, SYMBOL, 1, "OrderBook", "io.tandem.command.orderbook.OrderBook", "1", emptyBook);
            storeSnapshot(jdbc, aliceAccount, 0, "Account", "io.tandem.command.account.Account", null, emptyAccount);
            storeSnapshot(jdbc, aliceAccount, 1, "Account", "io.tandem.command.account.Account", "2", emptyAccount);
        }

        try (ConfigurableApplicationContext second = start()) {
            TandemClient client = clientFor(second);
            String alice = client.token("snap-alice", "TRADER");

            Response taker = client.place(alice, aliceAccount, "bid-1", SYMBOL, "BUY", "10.00", "20", "GTC");

            assertThat(taker.status()).as(taker.raw()).isEqualTo(201);
            assertThat(taker.text("status")).isEqualTo("FILLED");
            assertThat(taker.body().path("trades").get(0).path("price").asText()).isEqualTo("10.00");
            Response rest = client.place(alice, aliceAccount, "bid-2", SYMBOL, "BUY", "10.00", "30", "GTC");
            assertThat(rest.text("status")).as(rest.raw()).isEqualTo("FILLED");
            assertThat(second.getBean(JdbcTemplate.class).queryForObject(
                    "select count(*) from snapshot_event_entry where payload_revision is null or payload_revision in ('1', '2')",
                    Integer.class)).as("the stale snapshots are still there, only skipped").isEqualTo(4);
        }
    }

    /** A snapshot row as Axon's JPA store writes one, {@code back} events before the aggregate's latest. */
    private static void storeSnapshot(JdbcTemplate jdbc, String aggregateId, int back, String type, String payloadType,
                                      String revision, String payload) {
        Long sequence = jdbc.queryForObject("select max(sequence_number) from domain_event_entry where aggregate_identifier = ?",
                Long.class, aggregateId);
        assertThat(sequence).isNotNull();
        jdbc.update("""
                insert into snapshot_event_entry (aggregate_identifier, sequence_number, type, event_identifier, meta_data,
                                                  payload, payload_revision, payload_type, time_stamp)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                aggregateId, sequence - back, type, UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8), revision, payloadType, Instant.now().toString());
    }
}
