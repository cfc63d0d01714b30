package io.tandem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.TandemClient.Response;
import io.tandem.infra.audit.AuditCommandLine;
import io.tandem.infra.audit.AuditExit;
import com.mongodb.client.MongoDatabase;
import io.tandem.contracts.account.AccountOpenedEvent;
import io.tandem.infra.audit.AuditContext;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit's {@code history} and {@code state} over a history made through the running application
 * (issue 11): a market with trades, a resting order, a cancelled order, a deposit through the payment
 * simulator and some social activity. While the server runs: the admin endpoints (history of an account
 * as JSON lines and of a book as CSV, compared field by field with the event table read here; state at
 * several sequence numbers and times, compared with a fold of the account's events written here; the
 * latest state equal to the live read models; who may call them; {@code who} on the events; the command
 * line's {@code --server} mode). Then the server is stopped and the command line runs in-process on its
 * data directory: the same history and state, and its exit statuses for usage errors, an unknown
 * aggregate and a store held by someone else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditHistoryAndStateEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigDecimal LOT = new BigDecimal("0.0001");

    private Path dataDir;
    private ConfigurableApplicationContext server;
    private TandemClient client;
    private TradingDesk desk;
    private TradingDesk.Market market;
    private String aliceHistoryJsonl;
    private JsonNode aliceStateAtSeq3;
    private Set<Object> serverSerializerModules;
    private long aliceEventCount;

    @BeforeAll
    void tradePayAndSocialise() throws IOException {
        dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "audit-e2e-").toAbsolutePath();
        server = new SpringApplicationBuilder(TandemApplication.class).run("--server.port=0", "--tandem.data-dir=" + dataDir,
                "--spring.main.banner-mode=off", "--tandem.payments.simulator.delay=PT0.2S",
                "--tandem.payments.simulator.decline-rate=0", "--tandem.payments.simulator.timeout-rate=0",
                "--tandem.rate-limits.social.limit-for-period=1000");
        client = new TandemClient(((WebServerApplicationContext) server).getWebServer().getPort());
        desk = new TradingDesk(client);
        market = desk.market();
        String symbol = market.symbol();
        assertThat(client.place(desk.issuer, market.issuerAccount(), "ask-1", symbol, "SELL", "10.00", "100", "GTC").status()).isEqualTo(201);
        assertThat(client.place(desk.alice, market.aliceAccount(), "bid-1", symbol, "BUY", "10.00", "40", "GTC").status()).isEqualTo(201);
        assertThat(client.place(desk.bob, market.bobAccount(), "bid-2", symbol, "BUY", "9.50", "10", "GTC").status()).isEqualTo(201);
        Response resting = client.place(desk.alice, market.aliceAccount(), "bid-3", symbol, "BUY", "9.00", "5", "GTC");
        assertThat(resting.status()).isEqualTo(201);
        assertThat(client.cancel(desk.alice, resting.text("orderId")).status()).isEqualTo(200);
        // Selling what was bought waits for the purchase's settlement (shown by the read model, behind the account).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(client.account(desk.alice, market.aliceAccount())
                .path("positions").findValuesAsText("quantity")).containsExactly("40"));
        Response ask = client.place(desk.alice, market.aliceAccount(), "ask-2", symbol, "SELL", "11.00", "10", "GTC");
        assertThat(ask.status()).as(ask.raw()).isEqualTo(201);
        Response deposit = client.post("/api/v1/accounts/" + market.aliceAccount() + "/deposits", desk.alice,
                Map.of("paymentId", "audit-deposit", "amount", "1000.00"));
        assertThat(deposit.status()).as(deposit.raw()).isEqualTo(202);

        SocialDesk social = new SocialDesk(client);
        SocialDesk.Trader reader = social.trader("reader");
        SocialDesk.Trader star = social.trader("star");
        social.follow(reader, star);
        social.post(star, "Watching $" + symbol);

        // Settled and credited: the log holds the whole session once the account's read model shows it.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode cash = client.account(desk.alice, market.aliceAccount()).path("cash");
            assertThat(cash.path("available").asText()).isEqualTo("10599.20");
            assertThat(cash.path("reserved").asText()).isEqualTo("0.00");
        });
        serverSerializerModules = ((JacksonSerializer) server.getBean("eventSerializer", Serializer.class)).getObjectMapper()
                .getRegisteredModuleIds();
        aliceEventCount = rows(market.aliceAccount()).size();
    }

    @AfterAll
    void stop() {
        if (server != null && server.isActive()) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void historyOfAnAccountIsTheEventTableRowByRowWithWhoCorrelationAndCausation() {
        Response history = client.get(historyPath(market.aliceAccount(), "jsonl"), desk.admin);
        assertThat(history.status()).as(history.raw()).isEqualTo(200);
        aliceHistoryJsonl = history.raw();
        List<JsonNode> events = history.raw().lines().map(this::read).toList();
        List<Map<String, Object>> rows = rows(market.aliceAccount());

        assertThat(events).hasSameSizeAs(rows).hasSizeGreaterThan(8);
        for (int i = 0; i < rows.size(); i++) {
            assertSameEvent(events.get(i), rows.get(i));
        }
        JsonNode reservation = events.stream().filter(event -> event.path("payloadType").asText().endsWith(".CashReservedEvent"))
                .findFirst().orElseThrow();
        assertThat(reservation.path("who").asText()).as("an order placed with alice's token").isEqualTo("alice");
        JsonNode settlement = events.stream().filter(event -> event.path("payloadType").asText().endsWith(".BuySettledEvent"))
                .findFirst().orElseThrow();
        assertThat(settlement.path("who").asText()).as("settled by the settlement process").isEqualTo("system:settlement");
        assertThat(settlement.path("correlationId").asText()).isNotBlank().isNotEqualTo(settlement.path("causationId").asText());
    }

    @Test
    @Order(2)
    void historyOfABookAsCsvHasAHeaderAndOneQuotedRowPerEvent() {
        Response history = client.get(historyPath(market.symbol(), "csv"), desk.admin);
        assertThat(history.status()).as(history.raw()).isEqualTo(200);
        List<List<String>> lines = csv(history.raw());
        assertThat(lines.get(0)).startsWith("globalIndex", "sequenceNumber", "timestamp", "aggregateType");
        List<Map<String, Object>> rows = rows(market.symbol());
        assertThat(lines).hasSize(rows.size() + 1);
        for (int i = 0; i < rows.size(); i++) {
            List<String> line = lines.get(i + 1);
            Map<String, Object> row = rows.get(i);
            assertThat(Long.parseLong(line.get(0))).isEqualTo(((Number) row.get("global_index")).longValue());
            assertThat(Long.parseLong(line.get(1))).isEqualTo(((Number) row.get("sequence_number")).longValue());
            assertThat(Instant.parse(line.get(2))).isEqualTo(Instant.parse((String) row.get("time_stamp")));
            assertThat(line.get(3)).isEqualTo("OrderBook");
            assertThat(line.get(6)).isEqualTo(row.get("payload_type"));
            assertThat(read(line.get(12))).isEqualTo(read((byte[]) row.get("payload")));
        }
    }

    @Test
    @Order(3)
    void stateAtSequenceNumbersAndTimesIsTheFoldOfTheAccountsEvents() {
        List<Map<String, Object>> rows = rows(market.aliceAccount());
        int last = rows.size() - 1;
        for (int seq : new int[]{0, 1, 3, last / 2, last - 1, last}) {
            JsonNode answer = state(market.aliceAccount(), "seq=" + seq);
            assertThat(answer.path("report").path("sequenceNumber").asLong()).isEqualTo(seq);
            assertThat(answer.path("report").path("events")).hasSize(seq + 1);
            assertFold(answer.path("report").path("state"), rows.subList(0, seq + 1), "seq " + seq);
            if (seq == 3) {
                aliceStateAtSeq3 = answer.path("report");
            }
        }
        for (int index : new int[]{2, last / 2, last}) {
            Instant at = Instant.parse((String) rows.get(index).get("time_stamp"));
            List<Map<String, Object>> upTo = rows.stream().filter(row -> !Instant.parse((String) row.get("time_stamp")).isAfter(at)).toList();
            JsonNode answer = state(market.aliceAccount(), "at=" + at);
            assertThat(answer.path("report").path("events")).hasSize(upTo.size());
            assertFold(answer.path("report").path("state"), upTo, "at " + at);
        }
        JsonNode beyond = state(market.aliceAccount(), "seq=" + (last + 50)).path("report");
        assertThat(beyond.path("sequenceNumber").asLong()).isEqualTo(last);
        assertThat(beyond.path("note").asText()).contains("past the last event");
    }

    @Test
    @Order(4)
    void latestStateHasTheShapeAndValuesOfTheLiveReadModels() {
        JsonNode account = state(market.aliceAccount(), "seq=100000").path("report").path("state").path("account");
        JsonNode live = client.account(desk.alice, market.aliceAccount());
        assertThat(account.path("cash")).isEqualTo(live.path("cash"));
        assertThat(account.path("positions")).isEqualTo(live.path("positions"));
        assertThat(account.path("owner").asText()).isEqualTo(live.path("owner").asText());

        JsonNode book = state(market.symbol(), "seq=100000").path("report").path("state");
        JsonNode liveBook = client.fullOrderBook(desk.alice, market.symbol());
        assertThat(book.path("bids")).isEqualTo(liveBook.path("bids"));
        assertThat(book.path("asks")).isEqualTo(liveBook.path("asks"));
        assertThat(book.path("lastPrice")).isEqualTo(liveBook.path("lastPrice"));
        assertThat(book.path("bids").get(0).path("price").asText()).isEqualTo("9.50");
    }

    @Test
    @Order(5)
    void onlyAdminsMayAudit() {
        String trader = desk.alice;
        for (String path : List.of(historyPath(market.aliceAccount(), "jsonl"),
                "/api/v1/admin/audit/aggregates/" + market.aliceAccount() + "/state?seq=1", "/api/v1/admin/audit/jobs/none")) {
            assertThat(client.get(path, null).status()).as(path).isEqualTo(401);
            assertThat(client.get(path, trader).status()).as(path).isEqualTo(403);
        }
        Response unknown = client.get(historyPath("no-such-aggregate", "jsonl"), desk.admin);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("code")).isEqualTo("AGGREGATE_NOT_FOUND");
        assertThat(client.get("/api/v1/admin/audit/jobs/none", desk.admin).text("code")).isEqualTo("JOB_NOT_FOUND");
        Response neither = client.get("/api/v1/admin/audit/aggregates/" + market.aliceAccount() + "/state", desk.admin);
        assertThat(neither.status()).isEqualTo(400);
        assertThat(client.get("/api/v1/admin/audit/aggregates/" + market.aliceAccount() + "/state?at=yesterday", desk.admin).status())
                .isEqualTo(400);
    }

    @Test
    @Order(6)
    void theCommandLineRunsThroughARunningServer() {
        String url = "http://127.0.0.1:" + ((WebServerApplicationContext) server).getWebServer().getPort();
        Cli state = cli("state", "--aggregate", market.aliceAccount(), "--seq", "3", "--json", "--server", url, "--token", desk.admin);
        assertThat(state.status()).as(state.err()).isEqualTo(AuditExit.OK);
        assertThat(read(state.out()).path("report")).isEqualTo(aliceStateAtSeq3);

        Cli history = cli("history", "--aggregate", market.aliceAccount(), "--server", url, "--token", desk.admin);
        assertThat(history.status()).as(history.err()).isEqualTo(AuditExit.OK);
        assertThat(history.out()).isEqualTo(aliceHistoryJsonl);

        assertThat(cli("state", "--aggregate", "no-such-aggregate", "--seq", "1", "--server", url, "--token", desk.admin).status())
                .isEqualTo(AuditExit.FAILED);
        assertThat(cli("state", "--aggregate", market.aliceAccount(), "--seq", "1", "--server", url, "--token", desk.alice).status())
                .isEqualTo(AuditExit.FAILED);
    }

    @Test
    @Order(7)
    void withTheServerStoppedTheCommandLineReadsTheSameStoresAndAnswersItsExitStatuses() throws IOException {
        server.close();
        String dir = "--tandem.data-dir=" + dataDir;

        Cli history = cli("history", "--aggregate", market.aliceAccount(), dir);
        assertThat(history.status()).as(history.err()).isEqualTo(AuditExit.OK);
        assertThat(history.out()).isEqualTo(aliceHistoryJsonl);

        Cli state = cli("state", "--aggregate", market.aliceAccount(), "--seq", "3", "--json", dir);
        assertThat(state.status()).as(state.err()).isEqualTo(AuditExit.OK);
        JsonNode printed = read(state.out());
        assertThat(printed.path("ok").asBoolean()).isTrue();
        assertThat(printed.path("report")).isEqualTo(aliceStateAtSeq3);

        Cli human = cli("state", "--aggregate", market.symbol(), "--seq", "100", dir);
        assertThat(human.status()).as(human.err()).isEqualTo(AuditExit.OK);
        assertThat(human.out()).contains("OrderBook " + market.symbol()).contains("InstrumentListedEvent");

        Cli unknown = cli("history", "--aggregate", "no-such-aggregate", dir);
        assertThat(unknown.status()).isEqualTo(AuditExit.FAILED);
        assertThat(unknown.err()).contains("no-such-aggregate");
        assertThat(cli("state", "--aggregate", "no-such-aggregate", "--at", "2026-01-01T00:00:00Z", dir).status()).isEqualTo(AuditExit.FAILED);

        assertThat(cli("no-such-command", dir).status()).isEqualTo(AuditExit.USAGE);
        assertThat(cli(dir).status()).isEqualTo(AuditExit.USAGE);
        assertThat(cli("history", dir).status()).as("--aggregate missing").isEqualTo(AuditExit.USAGE);
        assertThat(cli("history", "--aggregate", "x", "--bogus", dir).status()).isEqualTo(AuditExit.USAGE);
        assertThat(cli("state", "--aggregate", "x", "--seq", "1", "--at", "2026-01-01T00:00:00Z", dir).status()).isEqualTo(AuditExit.USAGE);
        assertThat(cli("state", "--aggregate", "x", dir).status()).isEqualTo(AuditExit.USAGE);
        Cli badTime = cli("state", "--aggregate", market.aliceAccount(), "--at", "yesterday", dir);
        assertThat(badTime.status()).isEqualTo(AuditExit.USAGE);
        assertThat(badTime.err()).contains("--at");
        assertThat(cli("history", "--aggregate", market.aliceAccount(), "--format", "xml", dir).status()).isEqualTo(AuditExit.USAGE);

        // The verifications and a rebuild, on the stores of the stopped server.
        Cli ledger = cli("verify", "ledger", "--json", dir);
        assertThat(ledger.status()).as(ledger.err() + ledger.out()).isEqualTo(AuditExit.OK);
        assertThat(read(ledger.out()).path("ok").asBoolean()).isTrue();
        Cli rebuilt = cli("rebuild", "--processor", "portfolio", dir);
        assertThat(rebuilt.status()).as(rebuilt.err() + rebuilt.out()).isEqualTo(AuditExit.OK);
        assertThat(rebuilt.out()).contains("portfolio");
        Cli readModels = cli("verify", "read-models", dir);
        assertThat(readModels.status()).as(readModels.err() + readModels.out()).isEqualTo(AuditExit.OK);
        assertThat(cli("rebuild", "--processor", "payments", dir).status()).as("a saga").isEqualTo(AuditExit.FAILED);
        assertThat(cli("verify", dir).status()).as("verify what").isEqualTo(AuditExit.USAGE);
        Cli chain = cli("verify", "chain", "--catch-up", "--json", dir);
        assertThat(chain.status()).as(chain.err() + chain.out()).isEqualTo(AuditExit.OK);
        JsonNode chained = read(chain.out()).path("report");
        assertThat(chained.path("unchainedTail").asLong()).as("every event chained").isZero();
        assertThat(chained.path("eventsChecked").asLong()).isPositive();
        Cli stateAfter = cli("state", "--aggregate", market.aliceAccount(), "--seq", "3", "--json", dir);
        assertThat(read(stateAfter.out()).path("report")).as("the rebuild changed no event").isEqualTo(aliceStateAtSeq3);

        // A server (another process) holding the event store's file: H2 cannot lock it.
        try (FileChannel channel = FileChannel.open(dataDir.resolve("axon.mv.db"), StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            assertThat(lock.isValid()).isTrue();
            Cli locked = cli("history", "--aggregate", market.aliceAccount(), dir);
            assertThat(locked.status()).as(locked.err()).isEqualTo(AuditExit.FAILED);
            assertThat(locked.err()).contains("--server");
        }
    }

    @Test
    @Order(8)
    void theAuditContextOpensTheServersStoresWithTheServersBeanTypes() {
        try (ConfigurableApplicationContext audit = new SpringApplicationBuilder(AuditContext.class).web(WebApplicationType.NONE)
                .run("--tandem.data-dir=" + dataDir, "--spring.main.banner-mode=off")) {
            Serializer serializer = audit.getBean("eventSerializer", Serializer.class);
            assertThat(((JacksonSerializer) serializer).getObjectMapper().getRegisteredModuleIds())
                    .as("configured as the server's event serializer").isEqualTo(serverSerializerModules);
            List<? extends DomainEventMessage<?>> events = audit.getBean(EventStore.class).readEvents(market.aliceAccount()).asStream().toList();
            assertThat(events).hasSize((int) aliceEventCount);
            assertThat(events.get(0).getPayload()).isInstanceOf(AccountOpenedEvent.class);
            assertThat(events.get(0).getMetaData()).containsKeys("who", "traceId", "correlationId");
            assertThat(audit.getBean(TokenStore.class).fetchSegments("portfolio")).containsExactly(0);
            assertThat(audit.getBean(MongoDatabase.class).getCollection("accounts").countDocuments()).isPositive();
            assertThat(audit.getBeansOfType(TransactionManager.class)).hasSize(1);
            assertThat(audit.getBeansOfType(PlatformTransactionManager.class)).hasSize(1);
            assertThat(audit.containsBean("commandBus")).as("nothing that sends commands").isFalse();
        }
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

    private JsonNode state(String aggregateId, String query) {
        Response answer = client.get("/api/v1/admin/audit/aggregates/" + aggregateId + "/state?" + query, desk.admin);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(answer.body().path("ok").asBoolean()).isTrue();
        return answer.body();
    }

    private static String historyPath(String aggregateId, String format) {
        return "/api/v1/admin/audit/aggregates/" + aggregateId + "/history?format=" + format;
    }

    /** The aggregate's rows of the event table, read here with plain SQL. */
    private List<Map<String, Object>> rows(String aggregateId) {
        return new JdbcTemplate(server.getBean(DataSource.class)).queryForList(
                "select * from domain_event_entry where aggregate_identifier = ? order by sequence_number", aggregateId)
                .stream().map(row -> {
                    Map<String, Object> lower = new TreeMap<>();
                    row.forEach((key, value) -> lower.put(key.toLowerCase(), value));
                    return lower;
                }).toList();
    }

    private void assertSameEvent(JsonNode event, Map<String, Object> row) {
        assertThat(event.path("globalIndex").asLong()).isEqualTo(((Number) row.get("global_index")).longValue());
        assertThat(event.path("sequenceNumber").asLong()).isEqualTo(((Number) row.get("sequence_number")).longValue());
        assertThat(Instant.parse(event.path("timestamp").asText())).isEqualTo(Instant.parse((String) row.get("time_stamp")));
        assertThat(event.path("aggregateType").asText()).isEqualTo(row.get("type")).isEqualTo("Account");
        assertThat(event.path("eventId").asText()).isEqualTo(row.get("event_identifier"));
        assertThat(event.path("payloadType").asText()).isEqualTo(row.get("payload_type"));
        assertThat(event.path("storedRevision").asText()).isEqualTo(row.get("payload_revision"));
        assertThat(event.path("revision").asText()).isEqualTo(row.get("payload_revision"));
        assertThat(event.path("payload")).isEqualTo(read((byte[]) row.get("payload")));
        ObjectNode metadata = (ObjectNode) read((byte[]) row.get("meta_data"));
        assertThat(event.path("who").asText()).isEqualTo(metadata.remove("who").asText()).isNotBlank();
        assertThat(event.path("correlationId").asText()).isEqualTo(metadata.remove("traceId").asText()).isNotBlank();
        assertThat(event.path("causationId").asText()).isEqualTo(metadata.remove("correlationId").asText()).isNotBlank();
        assertThat(event.path("metadata")).isEqualTo(metadata);
    }

    /** Cash and positions from the account's events, folded here, against what {@code state} shows. */
    private void assertFold(JsonNode state, List<Map<String, Object>> rows, String point) {
        long available = 0;
        long reserved = 0;
        Map<String, long[]> positions = new TreeMap<>();
        for (Map<String, Object> row : rows) {
            String type = ((String) row.get("payload_type")).substring("io.tandem.contracts.account.".length());
            JsonNode e = read((byte[]) row.get("payload"));
            long[] position = e.has("symbol") ? positions.computeIfAbsent(e.path("symbol").asText(), s -> new long[2]) : null;
            switch (type) {
                case "CashAdjustedEvent", "FeesCollectedEvent", "DepositCreditedEvent" -> available += e.path("amount").asLong();
                case "SupplyIssuedEvent" -> position[0] += e.path("quantity").asLong();
                case "CashReservedEvent", "WithdrawalReservedEvent" -> {
                    available -= e.path("amount").asLong();
                    reserved += e.path("amount").asLong();
                }
                case "PositionReservedEvent" -> {
                    position[0] -= e.path("quantity").asLong();
                    position[1] += e.path("quantity").asLong();
                }
                case "BuySettledEvent" -> {
                    long cost = e.path("notional").asLong() + e.path("fee").asLong();
                    long shortfall = e.path("shortfall").asLong();
                    reserved -= cost - shortfall;
                    available -= shortfall;
                    position[0] += e.path("quantity").asLong();
                }
                case "SellSettledEvent" -> {
                    available += e.path("notional").asLong() - e.path("fee").asLong();
                    long shortfall = e.path("shortfall").asLong();
                    position[1] -= e.path("quantity").asLong() - shortfall;
                    position[0] -= shortfall;
                }
                case "ReservationReleasedEvent" -> {
                    available += e.path("cash").asLong();
                    reserved -= e.path("cash").asLong();
                    position[0] += e.path("quantity").asLong();
                    position[1] -= e.path("quantity").asLong();
                }
                case "WithdrawalDebitedEvent" -> reserved -= e.path("amount").asLong();
                case "WithdrawalReleasedEvent" -> {
                    reserved -= e.path("amount").asLong();
                    available += e.path("amount").asLong();
                }
                case "AccountOpenedEvent", "DepositAcceptedEvent", "ReservationClosingEvent" -> {
                }
                default -> throw new AssertionError("the test's fold does not know " + type);
            }
        }
        JsonNode account = state.path("account");
        assertThat(new BigDecimal(account.path("cash").path("available").asText())).as(point).isEqualByComparingTo(BigDecimal.valueOf(available, 2));
        assertThat(new BigDecimal(account.path("cash").path("reserved").asText())).as(point).isEqualByComparingTo(BigDecimal.valueOf(reserved, 2));
        Map<String, long[]> shown = new TreeMap<>();
        account.path("positions").forEach(p -> shown.put(p.path("symbol").asText(), new long[]{
                new BigDecimal(p.path("quantity").asText()).divide(LOT).longValueExact(),
                new BigDecimal(p.path("reserved").asText()).divide(LOT).longValueExact()}));
        positions.values().removeIf(p -> p[0] == 0 && p[1] == 0);
        assertThat(shown.keySet()).as(point).isEqualTo(positions.keySet());
        positions.forEach((symbol, p) -> assertThat(shown.get(symbol)).as(point + " " + symbol).containsExactly(p));
        long reservedByReservations = 0;
        for (JsonNode reservation : state.path("reservations")) {
            if (!reservation.path("cash").isNull() && !reservation.path("cash").isMissingNode()) {
                reservedByReservations += new BigDecimal(reservation.path("cash").asText()).movePointRight(2).longValueExact();
            }
        }
        assertThat(reservedByReservations).as(point + ": the reservations add up to the reserved cash").isEqualTo(reserved);
    }

    private JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private JsonNode read(byte[] bytes) {
        return read(new String(bytes, StandardCharsets.UTF_8));
    }

    /** RFC 4180 lines: quoted fields may hold commas, doubled quotes and line breaks. */
    private static List<List<String>> csv(String text) {
        List<List<String>> lines = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\r') {
                continue;
            } else if (c == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                lines.add(fields);
                fields = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        return lines;
    }
}
