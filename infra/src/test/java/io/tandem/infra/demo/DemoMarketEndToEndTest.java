package io.tandem.infra.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.TandemApplication;
import io.tandem.contracts.common.UserId;
import io.tandem.infra.demo.DemoApi.Answer;
import io.tandem.infra.demo.DemoCast.Instrument;
import io.tandem.infra.demo.DemoCast.Trader;
import io.tandem.infra.security.Role;
import io.tandem.infra.security.TokenIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo market on a real application (embedded profile, four traders, short steps): within the
 * waits below the three instruments are listed and funded by deposits, the market makers quote both
 * sides and amend their quotes, the traders trade, post about their trades and see each other's
 * posts in their feeds, a copier's copy mirrors its leader, and the application stops the demo with
 * it, leaving no demo thread behind. Started again on the same data directory the demo finds the same
 * accounts, lists nothing twice and trades on. Once it is stopped and the platform has caught up,
 * the ledger balances, and the read side agrees with itself: the one-minute candles add up to the trade
 * tape, the last candle closes at the last trade's price, which is every listing's last price; a demo
 * trader's portfolio equity is its cash plus its positions at those prices; the leaderboard lists the
 * demo traders.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoMarketEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int TRADERS = 4;
    private static final long SEED = 7;

    private final Path dataDir = dataDir();
    private final ExecutorService http = Executors.newFixedThreadPool(2);
    private ConfigurableApplicationContext application;
    private DemoApi api;
    private String admin;

    private static Path dataDir() {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target")), "demo-e2e-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void start() {
        application = new SpringApplicationBuilder(TandemApplication.class).run(
                "--tandem.data-dir=" + dataDir, "--server.port=0", "--spring.main.banner-mode=off",
                "--tandem.demo=true", "--tandem.demo.traders=" + TRADERS, "--tandem.demo.seed=" + SEED,
                "--tandem.demo.tick=300ms", "--tandem.demo.summary-interval=3s",
                "--tandem.leaderboard.refresh-interval=1s",
                // Deposits confirm quickly; a tenth are still declined, which the demo retries under the next id.
                "--tandem.payments.simulator.delay=PT0.3S", "--tandem.payments.simulator.timeout-rate=0",
                "--tandem.payments.simulator.seed=11");
        int port = ((WebServerApplicationContext) application).getWebServer().getPort();
        api = new DemoApi("http://127.0.0.1:" + port, new ObjectMapper(), new DemoStats(), http);
        admin = application.getBean(TokenIssuer.class).issue(UserId.of("demo-e2e-admin"), List.of(Role.ADMIN));
    }

    private DemoMarket demo() {
        return application.getBean(DemoMarket.class);
    }

    private String token(String userId) {
        return application.getBean(TokenIssuer.class).issue(UserId.of(userId), List.of(Role.TRADER));
    }

    private JsonNode graphql(String token, String query, Map<String, Object> variables) {
        Answer answer = api.post("/graphql", token, Map.of("query", query, "variables", variables));
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        assertThat(answer.body().has("errors")).as("%s", answer.body()).isFalse();
        return answer.body().path("data");
    }

    @AfterAll
    void close() {
        if (application != null) {
            application.close();
        }
        http.shutdownNow();
    }

    @Test
    @Order(1)
    void theDemoListsFundsQuotesTradesPostsAndCopiesThenStopsWithTheApplicationAndCarriesOnAfterARestart() {
        DemoCast cast = DemoCast.of(SEED, TRADERS);
        start();
        await().atMost(TIMEOUT).until(() -> demo().accounts().size() == cast.makers().size() + TRADERS);
        Map<String, String> accounts = demo().accounts();

        for (Instrument instrument : cast.instruments()) {
            await().atMost(TIMEOUT).untilAsserted(() -> {
                JsonNode book = graphql(admin, """
                        query($s: String!) { orderBook(symbol: $s, depth: 5) { bids { price } asks { price } lastPrice } }""",
                        Map.of("s", instrument.symbol())).path("orderBook");
                assertThat(book.path("bids")).isNotEmpty();
                assertThat(book.path("asks")).isNotEmpty();
                assertThat(new BigDecimal(book.path("bids").path(0).path("price").asText()))
                        .isLessThan(new BigDecimal(book.path("asks").path(0).path("price").asText()));
                assertThat(tape(instrument.symbol())).hasSizeGreaterThanOrEqualTo(3);
            });
        }
        await().atMost(TIMEOUT).until(() -> demo().stats().amended.sum() > 0 && demo().stats().posts.sum() > 0);

        // Every trader has its profile with its public account, so fills of its orders become TRADE posts, and its
        // own texts name the instrument; a follower sees both kinds in its feed.
        await().atMost(TIMEOUT).untilAsserted(() -> {
            List<JsonNode> posts = new ArrayList<>();
            for (Trader trader : cast.traders()) {
                graphql(token(trader.userId()), "query { feed(first: 20) { edges { node { kind text symbols author { handle } } } } }",
                        Map.of()).path("feed").path("edges").forEach(edge -> posts.add(edge.path("node")));
            }
            assertThat(posts).anySatisfy(post -> {
                assertThat(post.path("kind").asText()).isEqualTo("TEXT");
                assertThat(post.path("symbols")).isNotEmpty();
                assertThat(post.path("text").asText()).contains("$" + post.path("symbols").path(0).asText());
            });
            assertThat(posts).anySatisfy(post -> assertThat(post.path("kind").asText()).isEqualTo("TRADE"));
        });
        Map<String, String> handles = demo().handles();
        for (Trader trader : cast.traders()) {
            JsonNode profile = graphql(token(trader.userId()), "query { me { handle followingCount } }", Map.of()).path("me");
            assertThat(profile.path("handle").asText()).isEqualTo(handles.get(trader.userId()));
            assertThat(profile.path("followingCount").asInt()).isEqualTo(trader.follows().size());
        }

        // The copier's copy of its leader mirrors the leader's trades.
        Trader copier = cast.traders().stream().filter(Trader::copies).findFirst().orElseThrow();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            String token = token(copier.userId());
            JsonNode copies = graphql(token, "query($id: ID!) { copies(accountId: $id) { id leader { handle } } }",
                    Map.of("id", accounts.get(copier.userId()))).path("copies");
            assertThat(copies).hasSize(1);
            assertThat(copies.path(0).path("leader").path("handle").asText())
                    .isEqualTo(handles.get(cast.traders().get(copier.copyOf()).userId()));
            JsonNode copy = graphql(token, """
                    query($id: ID!) { copy(id: $id) { status orders(first: 50) { edges { node { kind skipped } } } } }""",
                    Map.of("id", copies.path(0).path("id").asText())).path("copy");
            assertThat(copy.path("orders").path("edges")).anySatisfy(edge -> {
                assertThat(edge.path("node").path("kind").asText()).isEqualTo("MIRROR");
                assertThat(edge.path("node").path("skipped").asBoolean()).isFalse();
            });
        });

        Map<String, Integer> tradesBefore = new HashMap<>();
        cast.instruments().forEach(instrument -> tradesBefore.put(instrument.symbol(), tape(instrument.symbol()).size()));
        application.close();
        assertThat(demoThreads()).isEmpty();

        start();
        await().atMost(TIMEOUT).until(() -> !demo().accounts().isEmpty());
        assertThat(demo().accounts()).isEqualTo(accounts);
        assertThat(demo().handles()).isEqualTo(handles);
        for (Instrument instrument : cast.instruments()) {
            await().atMost(TIMEOUT).until(() -> tape(instrument.symbol()).size() > tradesBefore.get(instrument.symbol()) + 2);
        }
        demo().stop();
        assertThat(demoThreads()).isEmpty();

        // Listed once each, the supply not issued again, and every cent accounted for.
        await().atMost(TIMEOUT).untilAsserted(() -> {
            Answer ledger = api.send("GET", "/api/v1/admin/ledger", admin, null);
            assertThat(ledger.status()).isEqualTo(200);
            assertThat(ledger.body().path("balanced").asBoolean()).as("%s", ledger.body()).isTrue();
            List<JsonNode> listed = new ArrayList<>();
            ledger.body().path("instruments").forEach(listed::add);
            assertThat(listed).extracting(node -> node.path("symbol").asText())
                    .containsExactlyInAnyOrder("ORBT", "KITE", "MOSS");
            assertThat(listed).allSatisfy(node -> assertThat(new BigDecimal(node.path("supply").asText()))
                    .isEqualByComparingTo("1000000"));
            assertThat(new BigDecimal(ledger.body().path("depositsTotal").asText())).isPositive();
        });
    }

    /**
     * Needs the market-data, portfolio and leaderboard resolvers ({@code candles}, {@code instruments},
     * {@code portfolio}, {@code leaderboard}); runs on the stopped demo of the first test.
     */
    @Test
    @Order(2)
    void candlesTapeListingsPortfolioAndLeaderboardAgreeOnTheDemosMarket() {
        DemoCast cast = DemoCast.of(SEED, TRADERS);
        assertThat(application).as("the first test left the application running").isNotNull();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            Map<String, BigDecimal> lastPrices = new HashMap<>();
            graphql(admin, "query { instruments { symbol lastPrice } }", Map.of()).path("instruments")
                    .forEach(node -> lastPrices.put(node.path("symbol").asText(),
                            node.path("lastPrice").isNull() ? null : new BigDecimal(node.path("lastPrice").asText())));
            for (Instrument instrument : cast.instruments()) {
                List<JsonNode> tape = tape(instrument.symbol());
                List<JsonNode> candles = candles(instrument.symbol());
                assertThat(candles).isNotEmpty();
                assertThat(sum(candles, "volume")).isEqualByComparingTo(sum(tape, "quantity"));
                assertThat(candles.stream().mapToInt(candle -> candle.path("trades").asInt()).sum()).isEqualTo(tape.size());
                BigDecimal lastTrade = new BigDecimal(tape.get(0).path("price").asText());
                assertThat(new BigDecimal(candles.get(0).path("close").asText())).isEqualByComparingTo(lastTrade);
                assertThat(lastPrices.get(instrument.symbol())).isEqualByComparingTo(lastTrade);
            }
            for (Trader trader : cast.traders()) {
                JsonNode portfolio = graphql(admin, """
                        query($id: ID!) { portfolio(accountId: $id) { cash equity positions { symbol quantity } } }""",
                        Map.of("id", demo().accounts().get(trader.userId()))).path("portfolio");
                BigDecimal value = new BigDecimal(portfolio.path("cash").asText());
                for (JsonNode position : portfolio.path("positions")) {
                    value = value.add(new BigDecimal(position.path("quantity").asText())
                            .multiply(lastPrices.get(position.path("symbol").asText())));
                }
                assertThat(new BigDecimal(portfolio.path("equity").asText()))
                        .isEqualByComparingTo(value.setScale(2, RoundingMode.DOWN));
            }
            Map<String, JsonNode> ranked = new HashMap<>();
            graphql(admin, """
                    query { leaderboard(period: D7, first: 50) { edges { node { rank trader { handle } stats { copiers assetsUnderCopy } } } } }""",
                    Map.of()).path("leaderboard").path("edges").forEach(edge ->
                    ranked.put(edge.path("node").path("trader").path("handle").asText(), edge.path("node").path("stats")));
            assertThat(ranked.keySet()).containsAll(demo().handles().values());
            // Each leader's copiers and assets under copy are its live copies and their COPY accounts' equity.
            for (Trader leader : cast.traders()) {
                int live = 0;
                BigDecimal underCopy = BigDecimal.ZERO;
                for (Trader copier : cast.traders()) {
                    if (copier.copyOf() != leader.index()) {
                        continue;
                    }
                    JsonNode copies = graphql(token(copier.userId()), "query($id: ID!) { copies(accountId: $id) { status copyAccountId } }",
                            Map.of("id", demo().accounts().get(copier.userId()))).path("copies");
                    for (JsonNode copy : copies) {
                        if (copy.path("status").asText().equals("ACTIVE") || copy.path("status").asText().equals("PAUSED")) {
                            live++;
                            underCopy = underCopy.add(new BigDecimal(graphql(admin, "query($id: ID!) { portfolio(accountId: $id) { equity } }",
                                    Map.of("id", copy.path("copyAccountId").asText())).path("portfolio").path("equity").asText()));
                        }
                    }
                }
                JsonNode stats = ranked.get(demo().handles().get(leader.userId()));
                assertThat(stats.path("copiers").asInt()).as("copiers of %s", leader.handle()).isEqualTo(live);
                assertThat(new BigDecimal(stats.path("assetsUnderCopy").asText())).as("assets under copy of %s", leader.handle())
                        .isEqualByComparingTo(underCopy);
            }
        });
    }

    /** The whole trade tape of a symbol, newest first. */
    private List<JsonNode> tape(String symbol) {
        return pages("trades", symbol, """
                query($s: String!, $after: String) { trades(symbol: $s, first: 100, after: $after) {
                    edges { node { tradeId price quantity } } pageInfo { hasNextPage endCursor } } }""");
    }

    /** Every one-minute candle of a symbol, newest first. */
    private List<JsonNode> candles(String symbol) {
        return pages("candles", symbol, """
                query($s: String!, $after: String) { candles(symbol: $s, interval: M1, first: 100, after: $after) {
                    edges { node { start close volume trades } } pageInfo { hasNextPage endCursor } } }""");
    }

    private List<JsonNode> pages(String field, String symbol, String query) {
        List<JsonNode> nodes = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> variables = new HashMap<>();
            variables.put("s", symbol);
            variables.put("after", after);
            JsonNode page = graphql(admin, query, variables).path(field);
            page.path("edges").forEach(edge -> nodes.add(edge.path("node")));
            after = page.path("pageInfo").path("hasNextPage").asBoolean() ? page.path("pageInfo").path("endCursor").asText() : null;
        } while (after != null);
        return nodes;
    }

    private static BigDecimal sum(List<JsonNode> nodes, String field) {
        return nodes.stream().map(node -> new BigDecimal(node.path(field).asText())).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static List<String> demoThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith(DemoMarket.THREAD_PREFIX)).toList();
    }
}
