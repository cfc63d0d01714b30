package io.tandem;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.PaymentDesk.Payer;
import io.tandem.TandemClient.Response;
import io.tandem.command.support.LookupTableRebuild;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Restores a backup of the event store alone: the event and snapshot tables of one application's
 * database are copied into an empty database (no lookup tables, no tokens, no sagas, no read models,
 * and, as {@code pg_dump -t} of the two tables would leave it, no global-index sequence), and a new
 * application started on it trades on as before: the instrument is listed and has its last price,
 * orders rest, match and settle, order entry answers a retried order with its original result and
 * cancels an order that rested before the backup, the daily withdrawal limit counts what was
 * withdrawn before the backup, the handle and block tables know the profiles and blocks set before
 * it, and the read models (GraphQL) show the orders and balances again.
 */
class RestoreFromEventStoreTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String SYMBOL = "RSTR";

    @TempDir
    Path original;

    @TempDir
    Path restored;

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(TandemApplication.class)
                .run("--server.port=0", "--tandem.data-dir=" + dataDir, "--spring.main.banner-mode=off",
                        "--tandem.payments.simulator.delay=PT0.2S", "--tandem.payments.simulator.decline-rate=0",
                        "--tandem.payments.simulator.timeout-rate=0", "--tandem.payments.daily-withdrawal-limit=1000.00",
                        // Small batches, so that rebuilds take several steps (and two rebuilds take turns).
                        "--tandem.lookup-tables.rebuild-batch-size=2");
    }

    private static TandemClient clientFor(ConfigurableApplicationContext application) {
        return new TandemClient(((WebServerApplicationContext) application).getWebServer().getPort());
    }

    /** What the first application answered to alice's first order and bob's resting one. */
    private record Placed(JsonNode aliceBid, String bobOrderId) {
    }

    private record Traders(String admin, String issuer, String bob, Payer alice, String issuerAccount, String bobAccount) {

        static Traders of(TandemClient client, String issuerAccount, String aliceAccount, String bobAccount) {
            return new Traders(client.token("admin", "ADMIN"), client.token("rstr-issuer", "TRADER"),
                    client.token("rstr-bob", "TRADER"), new Payer(client.token("rstr-alice", "TRADER"), aliceAccount),
                    issuerAccount, bobAccount);
        }
    }

    @Test
    void anEmptyDatabaseWithOnlyTheEventTablesTradesOnWithItsCatalogLimitsAndReadModels() throws Exception {
        Traders before;
        Placed placed;
        try (ConfigurableApplicationContext first = start(original)) {
            TandemClient client = clientFor(first);
            String admin = client.token("admin", "ADMIN");
            String issuerAccount = client.openAccount(client.token("rstr-issuer", "TRADER"));
            String aliceAccount = client.openAccount(client.token("rstr-alice", "TRADER"));
            String bobAccount = client.openAccount(client.token("rstr-bob", "TRADER"));
            before = Traders.of(client, issuerAccount, aliceAccount, bobAccount);
            client.list(admin, SYMBOL, issuerAccount, "1000000");
            assertThat(client.adjust(admin, aliceAccount, "fund-alice", "10000.00").status()).isEqualTo(200);
            assertThat(client.adjust(admin, bobAccount, "fund-bob", "5000.00").status()).isEqualTo(200);

            assertThat(client.place(before.issuer(), issuerAccount, "ask-1", SYMBOL, "SELL", "10.00", "100", "GTC").status())
                    .isEqualTo(201);
            Response bid = client.place(before.alice().token(), aliceAccount, "bid-1", SYMBOL, "BUY", "10.00", "40", "GTC");
            assertThat(bid.text("status")).as(bid.raw()).isEqualTo("FILLED");
            Response resting = client.place(before.bob(), bobAccount, "bid-2", SYMBOL, "BUY", "9.50", "10", "GTC");
            assertThat(resting.text("status")).as(resting.raw()).isEqualTo("NEW");
            placed = new Placed(bid.body(), resting.text("orderId"));

            // Profiles (alice's handle changed once) and a block: the handle and block tables.
            setProfile(client, before.alice().token(), "rstr_alice_old");
            setProfile(client, before.alice().token(), "rstr_alice");
            setProfile(client, before.bob(), "rstr_bob");
            assertThat(client.send("POST", "/api/v1/traders/rstr_bob/block", before.alice().token(), null).status()).isEqualTo(200);

            PaymentDesk payments = new PaymentDesk(client);
            String withdrawal = PaymentDesk.accepted(payments.withdraw(before.alice(), "wd-1", "600.00"), "wd-1");
            payments.awaitPaymentStatus(before.alice(), withdrawal, "CONFIRMED");
            // 10,000.00 - 400.00 - 0.80 taker fee - 600.00 withdrawn
            payments.awaitCash(before.alice(), "8999.20", "0.00");
            LedgerInvariant.awaitBalanced(client, admin);
        }

        copyEventTables(original.resolve("axon"), restored.resolve("axon"));

        try (ConfigurableApplicationContext second = start(restored)) {
            TandemClient client = clientFor(second);
            Traders traders = Traders.of(client, before.issuerAccount(), before.alice().account(), before.bobAccount());
            Payer alice = traders.alice();

            // The read models are rebuilt from the events: balances and the orders placed before the backup.
            await().atMost(TIMEOUT).untilAsserted(() -> {
                assertThat(client.account(alice.token(), alice.account()).path("cash").path("available").asText())
                        .isEqualTo("8999.20");
                List<JsonNode> bobOrders = client.allOrders(traders.bob(), traders.bobAccount());
                assertThat(bobOrders).singleElement().satisfies(order -> {
                    assertThat(order.path("status").asText()).isEqualTo("NEW");
                    assertThat(order.path("price").asText()).isEqualTo("9.50");
                });
                assertThat(client.allOrders(alice.token(), alice.account())).singleElement()
                        .satisfies(order -> assertThat(order.path("status").asText()).isEqualTo("FILLED"));
            });

            // Order entry knows the orders placed before the backup: a retry answers the original result,
            // the same client order id for another order is refused, and the resting order can be cancelled.
            Response retry = client.place(alice.token(), alice.account(), "bid-1", SYMBOL, "BUY", "10.00", "40", "GTC");
            assertThat(retry.status()).as(retry.raw()).isEqualTo(201);
            assertThat(retry.body()).isEqualTo(placed.aliceBid());
            Response reused = client.place(alice.token(), alice.account(), "bid-1", SYMBOL, "BUY", "10.00", "41", "GTC");
            assertThat(reused.status()).as(reused.raw()).isEqualTo(409);
            assertThat(reused.text("code")).isEqualTo("ORDER_CONFLICT");
            Response cancelled = client.cancel(traders.bob(), placed.bobOrderId());
            assertThat(cancelled.status()).as(cancelled.raw()).isEqualTo(200);
            assertThat(cancelled.text("status")).isEqualTo("CANCELLED");

            // The catalog knows the instrument, and its last price (a market order needs one).
            Response limit = client.place(alice.token(), alice.account(), "bid-3", SYMBOL, "BUY", "10.00", "20", "GTC");
            assertThat(limit.status()).as(limit.raw()).isEqualTo(201);
            assertThat(limit.text("status")).isEqualTo("FILLED");
            Response market = client.place(alice.token(), alice.account(), "bid-4", SYMBOL, "BUY", null, "5", "IOC");
            assertThat(market.status()).as(market.raw()).isEqualTo(201);
            assertThat(market.text("status")).isEqualTo("FILLED");
            assertThat(market.body().path("trades").get(0).path("price").asText()).isEqualTo("10.00");

            // The handle table knows alice's handle (whatever its case) and that her old one is free; the
            // block table knows she blocked bob.
            Response taken = client.send("PUT", "/api/v1/traders/me", traders.bob(), "{\"handle\":\"RSTR_ALICE\",\"displayName\":\"b\"}");
            assertThat(taken.status()).as(taken.raw()).isEqualTo(409);
            Response blocked = client.send("POST", "/api/v1/traders/rstr_alice/follow", traders.bob(), null);
            assertThat(blocked.status()).as(blocked.raw()).isEqualTo(403);
            assertThat(blocked.text("code")).isEqualTo("BLOCKED");
            setProfile(client, traders.issuer(), "rstr_alice_old");

            // 600.00 of the 1,000.00 daily limit was withdrawn before the backup.
            PaymentDesk payments = new PaymentDesk(client);
            Response overLimit = payments.withdraw(alice, "wd-2", "400.01");
            assertThat(overLimit.status()).as(overLimit.raw()).isEqualTo(422);
            assertThat(overLimit.text("code")).isEqualTo("DAILY_WITHDRAWAL_LIMIT");
            String withdrawal = PaymentDesk.accepted(payments.withdraw(alice, "wd-3", "400.00"), "wd-3");
            payments.awaitPaymentStatus(alice, withdrawal, "CONFIRMED");

            // 8,999.20 - (200.00 + 0.40) - (50.00 + 0.10) - 400.00
            payments.awaitCash(alice, "8348.70", "0.00");
            LedgerInvariant.awaitBalanced(client, traders.admin());

            // The tables caught up once; what the live path wrote since is not replayed at the next start.
            LookupTableRebuild rebuild = second.getBean(LookupTableRebuild.class);
            assertThat(rebuild.catchUp()).isZero();

            // Two nodes rebuilding the same tables at once take turns and end with the tables the live path
            // wrote, results of orders whose remainder was cancelled included.
            Response ioc = client.place(alice.token(), alice.account(), "bid-5", SYMBOL, "BUY", "10.00", "50", "IOC");
            assertThat(ioc.text("cancelReason")).as(ioc.raw()).isEqualTo("IMMEDIATE_REMAINDER");
            assertThat(ioc.text("filledQuantity")).isEqualTo("35");
            Response fok = client.place(alice.token(), alice.account(), "bid-6", SYMBOL, "BUY", "10.00", "10", "FOK");
            assertThat(fok.text("cancelReason")).as(fok.raw()).isEqualTo("FILL_OR_KILL_UNFILLED");
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            Map<String, List<Map<String, Object>>> live = lookupTables(jdbc);

            // Tables kept by a version from before the rebuild (rows, no position rows) are taken as
            // current: the first start after the upgrade replays nothing.
            jdbc.update("delete from lookup_table_position");
            assertThat(rebuild.catchUp()).isZero();
            assertThat(jdbc.queryForObject("select count(*) from lookup_table_position where caught_up", Integer.class))
                    .isEqualTo(LOOKUP_TABLES.size() - 1);
            assertThat(lookupTables(jdbc)).isEqualTo(live);
            second.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
                for (String table : LOOKUP_TABLES.keySet()) {
                    jdbc.update("delete from " + table);
                }
                jdbc.update("delete from lookup_table_position");
            });
            ExecutorService nodes = Executors.newFixedThreadPool(2);
            try {
                List<Future<Long>> applied = nodes.invokeAll(List.of(rebuild::catchUp, rebuild::catchUp));
                assertThat(applied.get(0).get() + applied.get(1).get()).isPositive();
            } finally {
                nodes.shutdownNow();
            }
            assertThat(lookupTables(jdbc)).isEqualTo(live);
        }
    }

    /**
     * The lookup tables and the columns a rebuild must restore as the live path wrote them, keyed by
     * primary key. Order-entry rows rebuilt also follow passive fills, so their state on the book is left out.
     */
    private static final Map<String, String> LOOKUP_TABLES = Map.of(
            "instrument_catalog", "*",
            "payment_withdrawal_day", "*",
            "payment_withdrawal_charge", "*",
            "trader_handles", "*",
            "trader_blocks", "*",
            "post_lookup", "*",
            "order_entry", "order_id, account_id, client_order_id, owner_user_id, symbol, side, order_type,"
                    + " requested_price_ticks, requested_quantity_lots, time_in_force, result");

    private static void setProfile(TandemClient client, String token, String handle) {
        Response set = client.send("PUT", "/api/v1/traders/me", token, "{\"handle\":\"" + handle + "\",\"displayName\":\"" + handle + "\"}");
        assertThat(set.status()).as(set.raw()).isEqualTo(200);
    }

    private static Map<String, List<Map<String, Object>>> lookupTables(JdbcTemplate jdbc) {
        Map<String, List<Map<String, Object>>> rows = new TreeMap<>();
        LOOKUP_TABLES.forEach((table, columns) -> rows.put(table,
                jdbc.queryForList("select " + columns + " from " + table + " order by 1")));
        assertThat(rows.get("order_entry")).hasSize(7);
        assertThat(rows.get("payment_withdrawal_charge")).hasSize(2);
        return rows;
    }

    /**
     * Copies {@code domain_event_entry} and {@code snapshot_event_entry} (schema and rows) from one H2
     * database file into a new one, and nothing else.
     */
    private static void copyEventTables(Path from, Path to) throws SQLException {
        Path script = from.resolveSibling("event-tables.sql");
        try (Connection source = DriverManager.getConnection("jdbc:h2:file:" + from, "sa", "");
             Statement statement = source.createStatement()) {
            statement.execute("script to '" + script + "' table domain_event_entry, snapshot_event_entry");
        }
        try (Connection target = DriverManager.getConnection("jdbc:h2:file:" + to, "sa", "");
             Statement statement = target.createStatement()) {
            statement.execute("runscript from '" + script + "'");
            statement.execute("drop sequence if exists domain_event_global_index_seq");
            assertThat(tables(statement)).containsExactlyInAnyOrder("DOMAIN_EVENT_ENTRY", "SNAPSHOT_EVENT_ENTRY");
        }
        assertThat(Files.exists(to.resolveSibling("axon.mv.db"))).isTrue();
    }

    private static List<String> tables(Statement statement) throws SQLException {
        try (var rows = statement.executeQuery("select table_name from information_schema.tables where table_schema = 'PUBLIC'")) {
            List<String> names = new java.util.ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        }
    }
}
