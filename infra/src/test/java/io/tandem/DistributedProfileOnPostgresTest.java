package io.tandem;

import io.tandem.PaymentDesk.Payer;
import io.tandem.TradingDesk.Market;
import io.tandem.distributed.DistributedStores;
import io.tandem.distributed.DistributedStoresExtension;
import io.tandem.infra.audit.Progress;
import io.tandem.infra.audit.chain.ChainProblem;
import io.tandem.infra.audit.chain.ChainReport;
import io.tandem.infra.audit.chain.ChainVerification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code distributed} profile as a deployment runs it, on a real PostgreSQL server: Axon's JPA
 * event, token and saga stores and db-scheduler's deadlines in PostgreSQL 17, read models in a
 * MongoDB-compatible server (mongo-java-server; no real MongoDB exists on these machines, see
 * {@link DistributedStores}). Every setting comes through the environment variables the profile reads
 * ({@code TANDEM_DB_URL}, {@code TANDEM_MONGO_URI}, {@code TANDEM_JWT_SECRET}, ...); the only departure
 * from a deployment are the dev token endpoint, which the profile turns off and this test turns back on
 * so that the shared HTTP helpers can log users in (on loopback, as dev tokens require), and the
 * simulated payment provider, which the profile refuses unless allowed as on a test system.
 * <p>
 * One PostgreSQL server and one application context serve the class; the context is closed before the
 * stores it uses ({@link DistributedStoresExtension}, declared first for that). Each test then looks at
 * PostgreSQL directly over JDBC, as an operator would.
 */
@ExtendWith(DistributedStoresExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("distributed")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DistributedProfileOnPostgresTest {

    private static final Logger log = LoggerFactory.getLogger(DistributedProfileOnPostgresTest.class);
    private static final String SIMULATOR_SECRET = "distributed-simulator-webhook-secret-32b";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void distributedEnvironment(DynamicPropertyRegistry registry) {
        DistributedStores stores = DistributedStoresExtension.stores();
        log.info("Embedded PostgreSQL started in {} ms", stores.postgresStartup().toMillis());
        registry.add("TANDEM_DB_URL", stores::jdbcUrl);
        registry.add("TANDEM_DB_USER", () -> DistributedStores.USER);
        registry.add("TANDEM_DB_PASSWORD", () -> DistributedStores.PASSWORD);
        registry.add("TANDEM_DB_POOL_SIZE", () -> "10");
        registry.add("TANDEM_MONGO_URI", stores::mongoUri);
        registry.add("TANDEM_JWT_SECRET", () -> "distributed-profile-test-jwt-secret-of-32-bytes");
        registry.add("TANDEM_AUDIT_CHAIN_KEY", () -> "distributed-profile-test-event-chain-key-32b");
        registry.add("TANDEM_SIMULATOR_WEBHOOK_SECRET", () -> SIMULATOR_SECRET);
        registry.add("tandem.security.dev-tokens-enabled", () -> "true");
        // The profile refuses the simulator unless a deployment says it is a test system, and allows no provider
        // unless configured: this test system says both.
        registry.add("TANDEM_SIMULATOR_ENABLED", () -> "true");
        registry.add("TANDEM_SIMULATOR_ALLOW_IN_PRODUCTION", () -> "true");
        registry.add("TANDEM_PAYMENTS_DEPOSIT_PROVIDERS", () -> "simulator");
        registry.add("TANDEM_PAYMENTS_WITHDRAWAL_PROVIDERS", () -> "simulator");
        registry.add("tandem.data-dir", () -> dataDir.toString());
        // Every simulated payment is confirmed after two seconds: long enough to see it pending.
        registry.add("tandem.payments.simulator.delay", () -> "PT2S");
        registry.add("tandem.payments.simulator.decline-rate", () -> "0");
        registry.add("tandem.payments.simulator.timeout-rate", () -> "0");
    }

    @LocalServerPort
    int port;
    @Autowired
    DataSource applicationDataSource;
    @Autowired
    org.springframework.context.ApplicationContext context;

    private DistributedStores stores;
    private TandemClient client;
    private PaymentDesk payments;
    private JdbcTemplate postgres;

    @BeforeEach
    void desk() {
        stores = DistributedStoresExtension.stores();
        client = new TandemClient(port);
        payments = new PaymentDesk(client);
        postgres = new JdbcTemplate(stores.inspector());
    }

    @AfterEach
    void ledgerStillBalances() {
        payments.awaitBalancedLedger();
    }

    @Test
    void applicationRunsOnThePostgresServerAsTheTandemRole() throws SQLException {
        try (Connection connection = applicationDataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
            assertThat(connection.getMetaData().getDatabaseMajorVersion()).isEqualTo(17);
            assertThat(connection.getMetaData().getURL()).isEqualTo(stores.jdbcUrl());
            assertThat(connection.getMetaData().getUserName()).isEqualTo(DistributedStores.USER);
        }
    }

    @Test
    void tradingAndPaymentsSettleOverHttpAndReadModelsShowTheBalances() {
        TradingDesk trading = new TradingDesk(client);
        Market market = trading.market();

        client.place(trading.issuer, market.issuerAccount(), "ask-1", market.symbol(), "SELL", "10.00", "100", "GTC");
        TandemClient.Response bid = client.place(trading.alice, market.aliceAccount(), "bid-1", market.symbol(), "BUY",
                "10.00", "150", "GTC");

        assertThat(bid.status()).as(bid.raw()).isEqualTo(201);
        assertThat(bid.text("status")).isEqualTo("PARTIALLY_FILLED");
        // Reserved 1500.00 + 3.00 fee; paid 1000.00 + 2.00 taker fee; 50 @ 10.00 + 1.00 fee stays reserved.
        trading.awaitAccount(trading.alice, market.aliceAccount(), """
                {"available":"8497.00","reserved":"501.00"}""", """
                [{"symbol":"%s","quantity":"100","reserved":"0"}]""".formatted(market.symbol()));
        // Received 1000.00 - 1.00 maker fee.
        trading.awaitAccount(trading.issuer, market.issuerAccount(), """
                {"available":"999.00","reserved":"0.00"}""", """
                [{"symbol":"%s","quantity":"999900","reserved":"0"}]""".formatted(market.symbol()));

        Payer payer = payments.payer();
        String deposit = PaymentDesk.clientId("dep");
        PaymentDesk.accepted(payments.deposit(payer, deposit, "1000.00"), deposit);
        payments.awaitCash(payer, "1000.00", "0.00");
        // Above alice's resting bid (50 @ 10.00), so only the payer's order takes it.
        client.place(trading.issuer, market.issuerAccount(), "ask-2", market.symbol(), "SELL", "10.50", "10", "GTC");
        TandemClient.Response buy = client.place(payer.token(), payer.account(), "buy-1", market.symbol(), "BUY",
                "10.50", "10", "GTC");
        assertThat(buy.text("status")).as(buy.raw()).isEqualTo("FILLED");
        // 105.00 for the shares and a 0.21 taker fee, paid with deposited cash.
        payments.awaitCash(payer, "894.79", "0.00");
        String withdrawal = PaymentDesk.clientId("wd");
        String withdrawalId = PaymentDesk.accepted(payments.withdraw(payer, withdrawal, "500.00"), withdrawal);

        payments.awaitPaymentStatus(payer, withdrawalId, "CONFIRMED");
        trading.awaitAccount(payer.token(), payer.account(), """
                {"available":"394.79","reserved":"0.00"}""", """
                [{"symbol":"%s","quantity":"10","reserved":"0"}]""".formatted(market.symbol()));
    }

    @Test
    void eventsAreReadableJsonInDomainEventEntryWithConsecutiveGlobalIndexes() {
        String token = client.token("event-reader", "TRADER");
        String account = client.openAccount(token);
        assertThat(client.adjust(payments.admin, account, "fund-" + account, "25.00").status()).isEqualTo(200);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(postgres.queryForList("""
                select payload_type from domain_event_entry where aggregate_identifier = ? order by sequence_number""",
                String.class, account)).containsExactly("io.tandem.contracts.account.AccountOpenedEvent",
                "io.tandem.contracts.account.CashAdjustedEvent"));
        String opened = postgres.queryForObject("""
                select convert_from(payload, 'UTF8') from domain_event_entry
                where aggregate_identifier = ? and sequence_number = 0""", String.class, account);
        assertThat(opened).contains(account, "event-reader");
        await().atMost(TIMEOUT).untilAsserted(() -> {
            List<Long> indexes = postgres.queryForList("select global_index from domain_event_entry order by global_index",
                    Long.class);
            assertThat(indexes).containsExactlyElementsOf(LongStream.rangeClosed(1, indexes.size()).boxed().toList());
            // Drawn one by one from the event table's own sequence (orm.xml), not a pooled one that skips on restart.
            assertThat(postgres.queryForObject("select last_value from pg_sequences where sequencename = ?", Long.class,
                    "domain_event_global_index_seq")).isEqualTo(indexes.size());
        });
    }

    @Test
    void axonAndDbSchedulerTablesKeepTheirDataInByteaWithoutLargeObjects() {
        assertThat(postgres.queryForList("""
                select table_name from information_schema.tables where table_schema = 'public'""", String.class))
                .contains("domain_event_entry", "snapshot_event_entry", "token_entry", "saga_entry",
                        "association_value_entry", "scheduled_tasks");
        assertThat(postgres.queryForList("""
                select table_name || '.' || column_name || ' ' || data_type from information_schema.columns
                where table_schema = 'public' and column_name in ('payload', 'meta_data', 'token', 'serialized_saga')""",
                String.class)).isNotEmpty().allSatisfy(column -> assertThat(column).endsWith(" bytea"));
        assertThat(postgres.queryForObject("""
                select count(*) from information_schema.columns where table_schema = 'public' and udt_name = 'oid'""",
                Long.class)).isZero();
        assertThat(postgres.queryForObject("""
                select data_type from information_schema.columns where table_name = 'order_entry' and column_name = 'result'""",
                String.class)).isEqualTo("text");
        assertThat(postgres.queryForObject("select increment_by from pg_sequences where sequencename = ?", Long.class,
                "domain_event_global_index_seq")).isEqualTo(1);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(postgres.queryForList(
                "select distinct processor_name from token_entry", String.class))
                .contains("settlement", "portfolio", "orders", "payments"));
        assertThat(postgres.queryForObject("select count(*) from pg_largeobject_metadata", Long.class)).isZero();
    }

    @Test
    void pendingPaymentKeepsItsSagaAndStatusCheckDeadlineInPostgres() {
        Payer payer = payments.payer();
        String clientId = PaymentDesk.clientId("dep");

        String paymentId = PaymentDesk.accepted(payments.deposit(payer, clientId, "40.00"), clientId);

        // While the simulator has not answered (two seconds), the saga and its status check wait in PostgreSQL.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            assertThat(postgres.queryForList("""
                    select convert_from(serialized_saga, 'UTF8') from saga_entry where saga_type like '%PaymentSaga'""",
                    String.class)).anySatisfy(saga -> assertThat(saga).contains(paymentId));
            assertThat(postgres.queryForObject("select count(*) from scheduled_tasks", Long.class)).isPositive();
        });
        payments.awaitPaymentStatus(payer, paymentId, "CONFIRMED");
        payments.awaitCash(payer, "40.00", "0.00");
    }

    @Test
    void theServerChainsEveryEventInPostgresAndTheChainFindsAnAlteredOne() {
        String token = client.token("chain-reader", "TRADER");
        String account = client.openAccount(token);
        assertThat(client.adjust(payments.admin, account, "fund-" + account, "25.00").status()).isEqualTo(200);
        ChainVerification verification = context.getBean(ChainVerification.class);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            ChainReport report = verification.verify(Progress.none());
            assertThat(report.ok()).as(report.human()).isTrue();
            assertThat(report.eventsChecked()).isPositive();
            assertThat(postgres.queryForObject("select count(*) from event_chain where aggregate_identifier = ?", Long.class,
                    account)).isEqualTo(2);
        });
        long opened = postgres.queryForObject("""
                select global_index from domain_event_entry where aggregate_identifier = ? and sequence_number = 0""",
                Long.class, account);
        byte[] original = postgres.queryForObject("select payload from domain_event_entry where global_index = ?", byte[].class, opened);
        postgres.update("update domain_event_entry set payload = convert_to(replace(convert_from(payload, 'UTF8'),"
                + " 'chain-reader', 'someone-else'), 'UTF8') where global_index = ?", opened);
        try {
            ChainReport report = verification.verify(Progress.none());

            assertThat(report.first(ChainProblem.Kind.ALTERED)).as(report.human())
                    .extracting(ChainProblem::globalIndex, ChainProblem::aggregateIdentifier, ChainProblem::sequenceNumber)
                    .containsExactly(opened, account, 0L);
        } finally {
            postgres.update("update domain_event_entry set payload = ? where global_index = ?", original, opened);
        }
    }
}
