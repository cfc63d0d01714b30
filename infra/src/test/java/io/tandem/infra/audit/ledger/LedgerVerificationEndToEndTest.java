package io.tandem.infra.audit.ledger;

import io.tandem.infra.audit.AuditCommandLine;
import io.tandem.infra.audit.AuditExit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.LedgerHistory;
import io.tandem.infra.audit.Progress;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code verify ledger} over a history generated through the running application (trades with
 * fees, confirmed and declined payments, a withdrawal, a copy's transfers): it balances and shows the read-model
 * ledger's totals; then settlement events altered directly in the event table are reported with
 * the right account, instrument and global index.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedgerVerificationEndToEndTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void decliningHalfTheTime(DynamicPropertyRegistry registry) {
        registry.add("tandem.data-dir", () -> dataDir.toString());
        registry.add("tandem.payments.simulator.delay", () -> "PT0.2S");
        registry.add("tandem.payments.simulator.decline-rate", () -> "0.5");
        registry.add("tandem.payments.simulator.timeout-rate", () -> "0");
        registry.add("tandem.payments.simulator.seed", () -> "7");
    }

    @LocalServerPort
    int port;
    @Autowired
    LedgerVerification verification;
    @Autowired
    JdbcTemplate jdbc;

    private static LedgerHistory.Generated history;
    private final ObjectMapper json = new ObjectMapper();

    @Test
    @Order(1)
    void aGeneratedHistoryBalancesWithTheReadModelLedgersTotals() throws Exception {
        history = LedgerHistory.generate(port);
        JsonNode readModel = history.ledger();

        LedgerReport report = verification.verify(Progress.none());

        assertThat(report.ok()).as(report.human()).isTrue();
        assertThat(report.differences()).isEmpty();
        assertThat(report.transfersInFlight()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where payload_type = ?", Long.class,
                "io.tandem.contracts.account.AssetsTransferredInEvent")).as("the copy's funding and return").isPositive();
        assertThat(report.cashTotal()).isEqualTo(readModel.path("cashTotal").asText());
        assertThat(report.adjustmentsTotal()).isEqualTo(readModel.path("adjustmentsTotal").asText());
        assertThat(report.depositsTotal()).isEqualTo(readModel.path("depositsTotal").asText()).isNotEqualTo("0.00");
        assertThat(report.withdrawalsTotal()).isEqualTo(readModel.path("withdrawalsTotal").asText());
        assertThat(report.feesTotal()).isEqualTo(readModel.path("feesTotal").asText()).isNotEqualTo("0.00");
        for (JsonNode instrument : readModel.path("instruments")) {
            assertThat(report.instruments()).filteredOn(line -> line.symbol().equals(instrument.path("symbol").asText()))
                    .singleElement().satisfies(line -> {
                        assertThat(line.supply()).isEqualTo(instrument.path("supply").asText());
                        assertThat(line.positionsTotal()).isEqualTo(instrument.path("positionsTotal").asText());
                        assertThat(line.balanced()).isTrue();
                    });
        }
        assertThat(report.events()).isPositive().isLessThanOrEqualTo(report.headIndex() + 1);

        // The command line through the running server: a job, polled to its report.
        Cli cli = cli("verify", "ledger", "--json", "--server", "http://127.0.0.1:" + port, "--token", adminToken());
        assertThat(cli.status()).as(cli.err()).isEqualTo(AuditExit.OK);
        JsonNode answer = json.readTree(cli.out());
        assertThat(answer.path("ok").asBoolean()).isTrue();
        assertThat(answer.path("report").path("cashTotal").asText()).isEqualTo(report.cashTotal());
    }

    @Test
    @Order(2)
    void settlementEventsAlteredInTheEventTableAreReportedWithTheirAccountAndInstrument() throws Exception {
        Map<String, Object> buy = jdbc.queryForMap("""
                select global_index, payload from domain_event_entry
                where payload_type = 'io.tandem.contracts.account.BuySettledEvent' and aggregate_identifier = ?
                order by global_index limit 1""", history.buyerAccount());
        long buyIndex = ((Number) buy.get("global_index")).longValue();
        ObjectNode buyPayload = (ObjectNode) json.readTree((byte[]) buy.get("payload"));
        long notional = buyPayload.path("notional").asLong();
        buyPayload.put("notional", notional + 100);
        jdbc.update("update domain_event_entry set payload = ? where global_index = ?",
                json.writeValueAsString(buyPayload).getBytes(StandardCharsets.UTF_8), buyIndex);
        Map<String, Object> sell = jdbc.queryForMap("""
                select global_index, payload from domain_event_entry
                where payload_type = 'io.tandem.contracts.account.SellSettledEvent' and aggregate_identifier = ?
                order by global_index limit 1""", history.sellerAccount());
        long sellIndex = ((Number) sell.get("global_index")).longValue();
        ObjectNode sellPayload = (ObjectNode) json.readTree((byte[]) sell.get("payload"));
        long lots = sellPayload.path("quantity").asLong();
        sellPayload.put("quantity", lots - 1);
        jdbc.update("update domain_event_entry set payload = ? where global_index = ?",
                json.writeValueAsString(sellPayload).getBytes(StandardCharsets.UTF_8), sellIndex);

        LedgerReport report = verification.verify(Progress.none());

        assertThat(report.ok()).isFalse();
        String symbol = buyPayload.path("symbol").asText();
        assertThat(report.differences()).anySatisfy(difference -> {
            assertThat(difference.kind()).isEqualTo("SETTLEMENT_MISMATCH");
            assertThat(difference.accountId()).isEqualTo(history.buyerAccount());
            assertThat(difference.symbol()).isEqualTo(symbol);
            assertThat(difference.unit()).isEqualTo("cents");
            assertThat(difference.found() - difference.expected()).isEqualTo(100);
            assertThat(difference.globalIndex()).isEqualTo(buyIndex);
        });
        assertThat(report.differences()).anySatisfy(difference -> {
            assertThat(difference.kind()).isEqualTo("SETTLEMENT_MISMATCH");
            assertThat(difference.accountId()).isEqualTo(history.sellerAccount());
            assertThat(difference.symbol()).isEqualTo(sellPayload.path("symbol").asText());
            assertThat(difference.unit()).isEqualTo("lots");
            assertThat(difference.expected()).isEqualTo(lots);
            assertThat(difference.found()).isEqualTo(lots - 1);
            assertThat(difference.globalIndex()).isEqualTo(sellIndex);
        });
        assertThat(report.differences()).extracting(LedgerReport.Difference::kind)
                .contains("CASH_NOT_CONSERVED", "POSITIONS_NOT_CONSERVED");
        assertThat(report.instruments()).filteredOn(line -> line.symbol().equals(sellPayload.path("symbol").asText()))
                .singleElement().satisfies(line -> {
                    assertThat(line.balanced()).isFalse();
                    assertThat(line.positionsLots() - line.supplyLots()).isEqualTo(1);
                });
        assertThat(report.accounts()).anySatisfy(account -> {
            assertThat(account.accountId()).isEqualTo(history.buyerAccount());
            assertThat(account.firstIndex()).isLessThanOrEqualTo(buyIndex);
            assertThat(account.lastIndex()).isGreaterThanOrEqualTo(buyIndex);
        });
        assertThat(report.human()).contains("LEDGER DIFFERENCE", history.buyerAccount(), symbol);

        Cli cli = cli("verify", "ledger", "--server", "http://127.0.0.1:" + port, "--token", adminToken());
        assertThat(cli.status()).as(cli.err()).isEqualTo(AuditExit.DIFFERENCE);
        assertThat(cli.out()).contains("LEDGER DIFFERENCE", history.buyerAccount(), symbol);
        assertThat(cli("verify", "ledger", "--server", "http://127.0.0.1:" + port, "--token", "not-a-token").status())
                .isEqualTo(AuditExit.FAILED);
    }

    private record Cli(int status, String out, String err) {
    }

    private static Cli cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = AuditCommandLine.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String adminToken() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/dev/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"auditor\",\"roles\":[\"ADMIN\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body()).path("token").asText();
    }
}
