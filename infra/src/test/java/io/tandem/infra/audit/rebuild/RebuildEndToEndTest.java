package io.tandem.infra.audit.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.tandem.infra.audit.AuditExit;
import io.tandem.infra.audit.Progress;
import io.tandem.infra.config.ProcessorFailures;
import io.tandem.infra.readmodel.AliasedMongoDatabase;
import io.tandem.infra.readmodel.ReadModelAliases;
import io.tandem.projection.support.ReadModelCollections;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Rebuilds and read-model verification in the running application, over a history of trades and
 * social activity made through its HTTP API: side-by-side rebuilds while a load thread keeps placing
 * orders and querying, an in-place rebuild, the refusals, no pushes from shadows, and verification
 * passing on an untouched store and finding a planted difference.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RebuildEndToEndTest {

    private static final Path DATA_DIR = dataDir();
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("tandem.data-dir", DATA_DIR::toString);
        registry.add("tandem.rate-limits.order-entry.limit-for-period", () -> "100000");
        registry.add("tandem.rate-limits.social.limit-for-period", () -> "100000");
        registry.add("tandem.read-model.alias-poll", () -> "500ms");
        registry.add("tandem.read-model.alias-drop-grace", () -> "3s");
    }

    @LocalServerPort
    int port;
    @Autowired
    RebuildService rebuilds;
    @Autowired
    ReadModelVerifier verifier;
    @Autowired
    ReadModelAliases aliases;
    @Autowired
    MongoDatabase database;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    EventStore eventStore;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    TransactionManager transactions;
    @Autowired
    Environment environment;
    @Autowired
    javax.sql.DataSource dataSource;
    @Autowired
    ProcessorFailures failures;

    private final HttpClient http = HttpClient.newHttpClient();
    private String admin;
    private String alice;
    private String aliceAccount;
    private String symbol;

    @BeforeAll
    void history() {
        admin = token("admin", "ADMIN");
        String issuer = token("issuer-" + UUID.randomUUID(), "TRADER");
        String issuerAccount = post("/api/v1/accounts", issuer, "{}", 201).path("accountId").asText();
        symbol = "RB" + (System.nanoTime() % 1000);
        post("/api/v1/instruments", admin, json(Map.of("symbol", symbol, "name", symbol + " Corp", "tickSize", "0.01",
                "lotSize", "0.0001", "makerFeeRate", "0.001", "takerFeeRate", "0.002", "issuerAccountId", issuerAccount,
                "supply", "1000000")), 201);
        List<String[]> traders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String user = "trader" + i + "-" + UUID.randomUUID();
            String token = token(user, "TRADER");
            String account = post("/api/v1/accounts", token, "{}", 201).path("accountId").asText();
            post("/api/v1/admin/accounts/" + account + "/adjustments", admin,
                    json(Map.of("adjustmentId", "fund-" + account, "amount", "100000.00", "reason", "test funding")), 200);
            send("PUT", "/api/v1/traders/me", token, json(Map.of("handle", "rb" + i + (System.nanoTime() % 100000),
                    "displayName", "Trader " + i, "bio", "", "shareTrades", true, "publicAccountId", account)), 200);
            traders.add(new String[]{user, token, account});
        }
        alice = traders.get(0)[1];
        aliceAccount = traders.get(0)[2];
        for (int i = 0; i < 10; i++) {
            post("/api/v1/orders", issuer, order(issuerAccount, symbol, "SELL", "10.0" + i, "5"), 201);
            post("/api/v1/orders", traders.get(i % 4)[1], order(traders.get(i % 4)[2], symbol, "BUY", "10.0" + i, "3"), 201);
        }
        for (int i = 0; i < 4; i++) {
            String handle = profileHandle(traders.get((i + 1) % 4)[1]);
            post("/api/v1/traders/" + handle + "/follow", traders.get(i)[1], "", -1);
            post("/api/v1/posts", traders.get(i)[1], json(Map.of("clientPostId", "p-" + UUID.randomUUID(),
                    "text", "$" + symbol + " looks good " + i)), 201);
        }
        awaitCaughtUp();
    }

    @Test
    void refusesSagasUnknownNamesAndASecondRebuildOfTheSameGroup() {
        assertThatThrownBy(() -> rebuilds.rebuild("settlement", true, Progress.none()))
                .isInstanceOfSatisfying(RebuildRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RebuildRefusedException.Reason.NOT_REBUILDABLE);
                    assertThat(e.reason().httpStatus()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("saga or process");
                });
        assertThatThrownBy(() -> rebuilds.rebuild("trader-handles", false, Progress.none()))
                .isInstanceOfSatisfying(RebuildRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RebuildRefusedException.Reason.NOT_REBUILDABLE));
        assertThatThrownBy(() -> rebuilds.rebuild("no-such-group", true, Progress.none()))
                .isInstanceOfSatisfying(RebuildRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RebuildRefusedException.Reason.UNKNOWN_PROCESSOR);
                    assertThat(e.getMessage()).contains("portfolio", "social", "home-feed");
                });
        assertThat(rebuilds.rebuildable()).doesNotContain("settlement", "payments", "copy-mirror", "trade-posts",
                "instrument-catalog", "payment-limits", "trader-handles", "trader-blocks", "post-lookup", "order-entry");
        try (RebuildLock held = RebuildLock.acquire(AliasedMongoDatabase.raw(database), "orders", "rebuild", Clock.systemUTC())) {
            assertThatThrownBy(() -> rebuilds.rebuild("orders", true, Progress.none()))
                    .isInstanceOfSatisfying(RebuildRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(RebuildRefusedException.Reason.ALREADY_RUNNING));
        }
        Clock late = Clock.offset(Clock.systemUTC(), RebuildLock.STALE.plusSeconds(5));
        try (RebuildLock crashed = RebuildLock.acquire(AliasedMongoDatabase.raw(database), "orders", "rebuild", Clock.systemUTC());
             RebuildLock takenOver = RebuildLock.acquire(AliasedMongoDatabase.raw(database), "orders", "rebuild", late)) {
            assertThat(takenOver).isNotNull();
        }
    }

    @Test
    void everyReadModelGroupKnowsItsCollectionsAndNoneIsWrittenByTwoGroups() {
        ProjectionGroups groups = ProjectionGroups.scan();
        List<String> owned = new ArrayList<>();
        groups.all().values().stream().filter(ProjectionGroups.Group::rebuildable).forEach(group -> {
            assertThat(group.collections()).as(group.name()).isNotEmpty();
            owned.addAll(group.collections());
        });
        assertThat(owned).doesNotHaveDuplicates();
        assertThat(groups.all().keySet()).contains("portfolio", "social", "settlement", "payments");
        assertThat(owned).contains(ReadModelCollections.ACCOUNTS, ReadModelCollections.TIMELINES)
                .doesNotContain(ReadModelCollections.LEADERBOARD);
    }

    @Test
    void shadowProjectorsHaveNoCommandBusAndTheirPushesGoNowhere() throws Exception {
        ProjectionGroups.Group group = ProjectionGroups.scan().rebuildable("order-book");
        ProcessorControl control = control(Map.of());
        try (ShadowReadModel shadow = new ShadowReadModel(group, "__t" + System.nanoTime(), database, aliases, environment,
                eventStore, tokenStore, transactions, 500, null, 0)) {
            // The server has a command bus and gateway: the shadow's context must not reach them (no parent, none of its own).
            assertThat(shadow.context().getParent()).isNull();
            assertThat(shadow.context().getBeanProvider(CommandGateway.class).getIfAvailable()).isNull();
            assertThat(shadow.context().getBeansOfType(CommandGateway.class)).isEmpty();
            assertThat(shadow.context().getBeansOfType(CommandBus.class)).isEmpty();
            assertThat(shadow.context().getBeansOfType(EventBus.class)).isEmpty();
            assertThat(shadow.context().getBeansOfType(QueryUpdateEmitter.class).values())
                    .containsExactly(shadow.emitter().emitter());
            shadow.start();
            shadow.awaitPosition(control.head(), control.tail(), control::head, Progress.none(), ShadowReadModel.STUCK);
            assertThat(shadow.emitter().consulted()).as("replayed events push nothing: " + shadow.emitter().calls()).isZero();
            // past the replay's end the shadow handles events as new ones, so the projector turns to its emitter to push:
            // the no-op one, which has no subscribers and sends nothing
            post("/api/v1/orders", alice, order(aliceAccount, symbol, "BUY", "1.00", "1"), 201);
            await().atMost(Duration.ofSeconds(30)).until(() -> shadow.emitter().consulted() > 0);
            shadow.stop();
            shadow.deleteTokens();
            shadow.dropCollections();
        }
    }

    @Test
    void sideBySideRebuildsUnderLoadEndWithTheLiveModelEqualToAFreshRebuild() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger requests = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Thread load = new Thread(() -> {
            int i = 0;
            while (running.get()) {
                try {
                    HttpResponse<String> placed = raw("POST", "/api/v1/orders", alice,
                            order(aliceAccount, symbol, "BUY", "1.0" + (i % 10), "1"));
                    if (placed.statusCode() != 201) {
                        failures.add("order " + placed.statusCode() + " " + placed.body());
                    }
                    HttpResponse<String> queried = raw("POST", "/graphql", alice, json(Map.of("query",
                            "query($id: ID!) { account(id: $id) { id cash { available reserved } } }",
                            "variables", Map.of("id", aliceAccount))));
                    JsonNode body = JSON.readTree(queried.body());
                    if (queried.statusCode() != 200 || body.has("errors") || body.path("data").path("account").isNull()) {
                        failures.add("query " + queried.statusCode() + " " + queried.body());
                    }
                    requests.addAndGet(2);
                    i++;
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        }, "rebuild-load");
        // another node's copy of the map, which only follows the switch by polling
        ReadModelAliases otherNode = new ReadModelAliases(AliasedMongoDatabase.raw(database));
        long versionBefore = otherNode.version();
        load.start();
        RebuildReport portfolio;
        RebuildReport social;
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> requests.get() > 20);
            portfolio = rebuilds.rebuild("portfolio", true, Progress.none());
            social = rebuilds.rebuild("social", true, Progress.none());
            int before = requests.get();
            await().atMost(Duration.ofSeconds(20)).until(() -> requests.get() > before + 20);
        } finally {
            running.set(false);
            load.join();
        }
        assertThat(failures).isEmpty();
        assertThat(portfolio.mode()).isEqualTo("side-by-side");
        assertThat(portfolio.eventsReplayed()).isPositive();
        assertThat(portfolio.switched().get(ReadModelCollections.ACCOUNTS)).startsWith("accounts__r");
        assertThat(aliases.physical(ReadModelCollections.ACCOUNTS)).isEqualTo(portfolio.switched().get(ReadModelCollections.ACCOUNTS));
        assertThat(aliases.physical(ReadModelCollections.PROFILES)).isEqualTo(social.switched().get(ReadModelCollections.PROFILES));
        assertThat(portfolio.documents().get(ReadModelCollections.ACCOUNTS)).isGreaterThanOrEqualTo(6);
        assertThat(new ReadModelAliases(AliasedMongoDatabase.raw(database)).current()).isEqualTo(aliases.current());
        // other nodes pick the switch up at their next poll; the replaced collections go only after the grace period
        assertThat(otherNode.current()).isNotEqualTo(aliases.current());
        otherNode.poll();
        assertThat(otherNode.current()).isEqualTo(aliases.current());
        assertThat(otherNode.version()).isEqualTo(aliases.version()).isGreaterThanOrEqualTo(versionBefore + 2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> names = AliasedMongoDatabase.raw(database).listCollectionNames().into(new ArrayList<>());
            assertThat(names).contains(portfolio.switched().get(ReadModelCollections.ACCOUNTS))
                    .doesNotContain("accounts", "profiles");
            assertThat(aliases.pendingDrops()).isEmpty();
        });

        // the live processors carry on from the switch into the new collections
        HttpResponse<String> placed = raw("POST", "/api/v1/orders", alice, order(aliceAccount, symbol, "BUY", "1.00", "2"), 201);
        awaitCaughtUp();
        ReadModelReport report = verifier.verify(List.of("portfolio", "social"), Progress.none());
        assertThat(report.ok()).as(report.human()).isTrue();
        assertThat(report.groups()).allSatisfy(group -> assertThat(group.readModels()).isNotEmpty());
    }

    @Test
    void aRebuildFailingAfterTheLiveProcessorStoppedRestartsItAndLeavesNoShadowBehind() {
        awaitCaughtUp();
        Map<String, String> before = aliases.current();
        Progress failing = new Progress() {
            @Override
            public void phase(String name, long total) {
                if (name.startsWith("catching up")) {
                    throw new IllegalStateException("planted failure");
                }
            }

            @Override
            public void done(long units) {
            }
        };
        assertThatThrownBy(() -> rebuilds.rebuild("market-data", true, failing)).hasMessageContaining("planted failure");
        assertThat(processing.eventProcessor("market-data", PooledStreamingEventProcessor.class).orElseThrow().isRunning()).isTrue();
        assertThat(aliases.current()).isEqualTo(before);
        assertThat(AliasedMongoDatabase.raw(database).listCollectionNames().into(new ArrayList<>()))
                .noneMatch(name -> name.startsWith(ReadModelCollections.CANDLES + "__r"));
        // and the group rebuilds fine afterwards
        assertThat(rebuilds.rebuild("market-data", true, Progress.none()).switched().get(ReadModelCollections.CANDLES))
                .startsWith(ReadModelCollections.CANDLES + "__r");
    }

    @Test
    void aServerRefusesToRebuildAGroupThatAnotherNodeProcesses() throws Exception {
        awaitCaughtUp();
        setOwner("payments-view", "other-node@elsewhere");
        try {
            assertThatThrownBy(() -> rebuilds.rebuild("payments-view", true, Progress.none()))
                    .isInstanceOfSatisfying(RebuildRefusedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(RebuildRefusedException.Reason.SERVER_RUNS_IT);
                        assertThat(e.getMessage()).contains("other-node@elsewhere", "payments-view");
                    });
            assertThatThrownBy(() -> verifier.verify(List.of("payments-view"), Progress.none()))
                    .isInstanceOfSatisfying(RebuildRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(RebuildRefusedException.Reason.SERVER_RUNS_IT));
            HttpResponse<String> refused = raw("POST", RebuildController.REBUILD, admin,
                    json(Map.of("processor", "payments-view", "sideBySide", true)));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(refused.body()).contains("SERVER_RUNS_IT", "other-node@elsewhere");
        } finally {
            setOwner("payments-view", null);
        }
    }

    private void setOwner(String group, String owner) throws java.sql.SQLException {
        try (java.sql.Connection connection = dataSource.getConnection();
             java.sql.PreparedStatement update = connection.prepareStatement(
                     "UPDATE token_entry SET owner = ? WHERE processor_name = ?")) {
            update.setString(1, owner);
            update.setString(2, group);
            assertThat(update.executeUpdate()).isPositive();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
    }

    @Test
    void replacedCollectionsAreDroppedWhenDueByAnyNodeButNotWhileTheyServeAgain() {
        MongoDatabase raw = AliasedMongoDatabase.raw(database);
        String logical = "scratch" + System.nanoTime();
        ReadModelAliases rebuilding = new ReadModelAliases(raw, Clock.systemUTC(), Duration.ZERO);
        raw.getCollection(logical + "__r1").insertOne(new Document("_id", 1));
        raw.getCollection(logical + "__r2").insertOne(new Document("_id", 2));
        rebuilding.switchTo(Map.of(logical, logical + "__r1"));
        rebuilding.switchTo(Map.of(logical, logical + "__r2"));
        assertThat(rebuilding.pendingDrops()).containsKey(logical + "__r1");
        rebuilding.switchTo(Map.of(logical, logical + "__r1"));
        assertThat(rebuilding.pendingDrops()).containsKey(logical + "__r2").doesNotContainKey(logical + "__r1");
        // the rebuilding process dies here; another node (or the next start) drops what is due
        ReadModelAliases next = new ReadModelAliases(raw);
        assertThat(next.physical(logical)).isEqualTo(logical + "__r1");
        next.poll();
        assertThat(raw.listCollectionNames().into(new ArrayList<>())).contains(logical + "__r1").doesNotContain(logical + "__r2");
        assertThat(next.pendingDrops()).doesNotContainKeys(logical + "__r1", logical + "__r2");
        rebuilding.switchTo(Map.of(logical, logical));
        next.poll();
        assertThat(raw.listCollectionNames().into(new ArrayList<>())).doesNotContain(logical + "__r1");
        assertThat(next.current()).doesNotContainKey(logical);
    }

    @Test
    void switchingThePerformanceGroupTellsTheLeaderboardRankerToDropItsCaches() {
        awaitCaughtUp();
        MongoDatabase raw = AliasedMongoDatabase.raw(database);
        long before = resets(raw);
        RebuildReport report = rebuilds.rebuild("performance", true, Progress.none());
        assertThat(report.switched().get(ReadModelCollections.VALUATIONS)).startsWith(ReadModelCollections.VALUATIONS + "__r");
        assertThat(resets(raw)).isEqualTo(before + 1);
    }

    private long resets(MongoDatabase raw) {
        Document reset = raw.getCollection(aliases.physical(ReadModelCollections.LEADERBOARD_RANKER))
                .find(Filters.eq("_id", "reset")).first();
        return reset == null ? 0 : ((Number) reset.get("resets")).longValue();
    }

    @Test
    void inPlaceRebuildResetsTheLiveProcessorAndEndsEqualToAFreshRebuild() {
        RebuildReport report = rebuilds.rebuild("trade-tape", false, Progress.none());
        assertThat(report.mode()).isEqualTo("in-place");
        assertThat(report.documents().get(ReadModelCollections.TRADES)).isGreaterThanOrEqualTo(10);
        awaitCaughtUp();
        assertThat(verifier.verify(List.of("trade-tape"), Progress.none()).ok()).isTrue();
    }

    @Test
    void anInPlaceRebuildThatMakesNoProgressFailsAfterTheStallTimeoutFreesTheLockAndLeavesTheProcessorRunning() {
        awaitCaughtUp();
        long beforePlanted = eventStore.createHeadToken().position().orElse(-1);
        // crosses one of the issuer's resting sells: a trade for the tape, past which the tape's handlers will fail
        post("/api/v1/orders", alice, order(aliceAccount, symbol, "BUY", "10.09", "1"), 201);
        awaitCaughtUp();
        long head = eventStore.createHeadToken().position().orElse(-1);
        PooledStreamingEventProcessor tape = processing.eventProcessor("trade-tape", PooledStreamingEventProcessor.class).orElseThrow();
        AtomicInteger failed = new AtomicInteger();
        Registration planted = tape.registerHandlerInterceptor((unitOfWork, chain) -> {
            long position = unitOfWork.getMessage() instanceof TrackedEventMessage<?> event
                    ? event.trackingToken().position().orElse(-1) : -1;
            if (position > beforePlanted) {
                failed.incrementAndGet();
                throw new IllegalStateException("planted failure at position " + position);
            }
            return chain.proceed();
        });
        // long enough that a loaded machine's pauses are not taken for a stall, short enough for a test
        RebuildService stalling = new RebuildService(control(Map.of("tandem.rebuild.stall-timeout", "6s")));
        long started = System.nanoTime();
        try {
            assertThatThrownBy(() -> stalling.rebuild("trade-tape", false, Progress.none()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the in-place rebuild of 'trade-tape' made no progress for 6.0 s")
                    .hasMessageContaining("(head " + head + ")")
                    .hasMessageContaining("its last batch failed")
                    .hasMessageContaining("planted failure at position")
                    .hasMessageContaining("left running");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(60));
            assertThat(failed.get()).isPositive();
            assertThat(ShadowReadModel.lowest(tape).orElse(-1)).isLessThan(head);
            // the lock is free again, and the processor is left running: it retries the failing batch
            assertThat(AliasedMongoDatabase.raw(database).getCollection(RebuildLock.COLLECTION)
                    .countDocuments(Filters.eq("_id", "trade-tape"))).isZero();
            assertThat(tape.isRunning()).isTrue();
        } finally {
            planted.cancel();
        }
        // once the cause is gone it reaches the head by itself, with a read model equal to a fresh rebuild
        awaitCaughtUp();
        ReadModelReport report = verifier.verify(List.of("trade-tape"), Progress.none());
        assertThat(report.ok()).as(report.human()).isTrue();
    }

    @Test
    void aRunWhoseLockIsTakenOverWhileItIsAliveDoesNotSwitchAndLeavesTheNewHoldersShadow() throws Exception {
        // paused right before its switch: the heartbeat (every 10 s) may or may not beat (and find out) before the run
        // goes on; if it does not, the compare-and-set on the lock before the switch does. Either way it does not switch
        TakenOver run = takeOverWhilePaused(rebuilds, "catching up", true, processor -> {
        });
        assertThat(run.failure()).hasMessageContaining("lost the lock of 'orders'").hasMessageContaining("without switching");
    }

    @Test
    void aRunWhoseHeartbeatFindsItsLockTakenOverStopsItsShadowAtOnce() throws Exception {
        RebuildService beatingOften = new RebuildService(control(Map.of("tandem.rebuild.lock-heartbeat", "200ms")));
        // paused while it replays, its shadow processor claiming its token: the heartbeat finds the lock taken over and
        // stops the shadow processor (its claim is released) before the run goes on
        TakenOver run = takeOverWhilePaused(beatingOften, "replaying", false, processor -> await().atMost(Duration.ofSeconds(30))
                .until(() -> shadowTokenOwners(processor).stream().allMatch(java.util.Objects::isNull)));
        assertThat(run.failure()).hasMessageContaining("was stopped: lost the lock of 'orders'");
    }

    private record TakenOver(Throwable failure) {
    }

    /**
     * Starts a side-by-side rebuild of {@code orders} with {@code service}, pauses it at its first progress in the
     * phase starting with {@code phase}, takes its lock over as a process that took it for dead would (its clock
     * past the stale time), builds that process's own shadow collection, runs {@code meanwhile} with the paused run's
     * shadow processor name, lets the paused run go on and checks it failed without switching, dropping its own shadow
     * and token rows and not the new holder's collection.
     * {@code built}: the paused run's shadow has all its collections then.
     */
    private TakenOver takeOverWhilePaused(RebuildService service, String phase, boolean built,
                                          java.util.function.Consumer<String> meanwhile)
            throws Exception {
        awaitCaughtUp();
        MongoDatabase raw = AliasedMongoDatabase.raw(database);
        String logical = ReadModelCollections.ORDERS;
        Map<String, String> before = aliases.current();
        java.util.concurrent.CountDownLatch paused = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch resume = new java.util.concurrent.CountDownLatch(1);
        Progress pausing = pausingAt(phase, paused, resume);
        java.util.concurrent.CompletableFuture<RebuildReport> old =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> service.rebuild("orders", true, pausing));
        String newShadow = null;
        try {
            assertThat(paused.await(60, java.util.concurrent.TimeUnit.SECONDS)).as("the run reached " + phase).isTrue();
            Document held = raw.getCollection(RebuildLock.COLLECTION).find(Filters.eq("_id", "orders")).first();
            assertThat(held).isNotNull();
            String oldShadow = logical + "__r" + Long.toString(held.getLong("since"), 36);
            String oldProcessor = "orders__rebuild__r" + Long.toString(held.getLong("since"), 36);
            if (built) {
                assertThat(raw.listCollectionNames().into(new ArrayList<>())).as("the paused run's shadow").contains(oldShadow);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> shadowTokenOwners(oldProcessor).stream().anyMatch(java.util.Objects::nonNull));
            Clock late = Clock.offset(Clock.systemUTC(), RebuildLock.STALE.plusSeconds(5));
            java.util.concurrent.atomic.AtomicReference<RebuildLock> taken = new java.util.concurrent.atomic.AtomicReference<>();
            // the paused run's heartbeat may beat between the read and the compare-and-set of a takeover: try again then
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                try {
                    taken.set(RebuildLock.acquire(raw, "orders", "rebuild", late));
                    return true;
                } catch (RebuildRefusedException beatMeanwhile) {
                    return false;
                }
            });
            try (RebuildLock takenOver = taken.get()) {
                newShadow = logical + ProcessorControl.shadowSuffix('r', takenOver);
                raw.getCollection(newShadow).insertOne(new Document("_id", "built by the new holder"));
                meanwhile.accept(oldProcessor);
                resume.countDown();
                Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> old.get(60, java.util.concurrent.TimeUnit.SECONDS));
                assertThat(failure).isInstanceOf(java.util.concurrent.ExecutionException.class);
                assertThat(aliases.current()).as("not switched").isEqualTo(before);
                assertThat(new ReadModelAliases(raw).current()).as("not switched in the store").isEqualTo(before);
                assertThat(raw.listCollectionNames().into(new ArrayList<>())).as("the new holder's shadow is kept, the old run's dropped")
                        .contains(newShadow).doesNotContain(oldShadow);
                assertThat(raw.getCollection(newShadow).countDocuments()).isEqualTo(1);
                assertThat(shadowTokenOwners(oldProcessor)).as("its own token rows, deleted though it lost its lock").isEmpty();
                assertThat(takenOver.lost()).isNull();
                takenOver.confirm();
                assertThat(processing.eventProcessor("orders", PooledStreamingEventProcessor.class).orElseThrow().isRunning())
                        .as("the live processor runs again").isTrue();
                return new TakenOver(failure.getCause());
            }
        } finally {
            resume.countDown();
            if (newShadow != null) {
                raw.getCollection(newShadow).drop();
            }
        }
    }

    /** A progress that, at its first progress in the phase starting with {@code phase}, counts {@code paused} down and waits for {@code resume}. */
    private static Progress pausingAt(String phase, java.util.concurrent.CountDownLatch paused,
                                      java.util.concurrent.CountDownLatch resume) {
        return new Progress() {
            private volatile boolean inPhase;

            @Override
            public void phase(String name, long total) {
                inPhase |= name.startsWith(phase);
            }

            @Override
            public void done(long units) {
                if (inPhase && paused.getCount() > 0) {
                    paused.countDown();
                    try {
                        resume.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
    }

    @Test
    void aRunWhoseLockIsTakenOverAndTheNewHoldersRunUseTheirOwnTokenRowsAtOnceAndTheOldOneLeavesTheNewOnesAlone()
            throws Exception {
        awaitCaughtUp();
        MongoDatabase raw = AliasedMongoDatabase.raw(database);
        ProjectionGroups.Group group = ProjectionGroups.scan().rebuildable("orders");
        // a heartbeat that does not beat during the test: the old run stays alive, its shadow processor claiming its
        // token, until its compare-and-set on the lock before the switch
        ProcessorControl unaware = control(Map.of("tandem.rebuild.lock-stale", "10m", "tandem.rebuild.lock-heartbeat", "3m"));
        Map<String, String> before = aliases.current();
        java.util.concurrent.CountDownLatch paused = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch resume = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture<RebuildReport> old = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> new RebuildService(unaware).rebuild("orders", true, pausingAt("replaying", paused, resume)));
        try {
            assertThat(paused.await(60, java.util.concurrent.TimeUnit.SECONDS)).as("the old run replays").isTrue();
            Document held = raw.getCollection(RebuildLock.COLLECTION).find(Filters.eq("_id", "orders")).first();
            String oldProcessor = ShadowReadModel.processorName(group, "__r" + Long.toString(held.getLong("since"), 36));
            await().atMost(Duration.ofSeconds(30)).until(() -> shadowTokenOwners(oldProcessor).stream().anyMatch(java.util.Objects::nonNull));
            // another process takes the lock for dead (its clock past the old run's stale time) and builds its own shadow
            Clock late = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(15));
            try (RebuildLock takenOver = RebuildLock.acquire(raw, "orders", "rebuild", late);
                 ShadowReadModel shadow = new ShadowReadModel(group, ProcessorControl.shadowSuffix('r', takenOver), database,
                         aliases, environment, eventStore, tokenStore, transactions, 500, null, 0)) {
                try {
                    String newProcessor = shadow.processorName();
                    assertThat(newProcessor).isEqualTo("orders__rebuild" + ProcessorControl.shadowSuffix('r', takenOver))
                            .isNotEqualTo(oldProcessor);
                    ProcessorControl control = control(Map.of());
                    shadow.start();
                    shadow.awaitPosition(control.head(), control.tail(), control::head, Progress.none(), ShadowReadModel.STUCK);
                    // both shadow processors at once, each claiming a token row of its own
                    assertThat(shadowTokenOwners(oldProcessor)).singleElement().isNotNull();
                    assertThat(shadowTokenOwners(newProcessor)).singleElement().isNotNull();

                    resume.countDown();
                    Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> old.get(60, java.util.concurrent.TimeUnit.SECONDS));
                    assertThat(failure).isInstanceOf(java.util.concurrent.ExecutionException.class)
                            .hasMessageContaining("lost the lock of 'orders'");
                    assertThat(aliases.current()).as("not switched").isEqualTo(before);
                    assertThat(shadowTokenOwners(oldProcessor)).as("the old run deleted its own token rows").isEmpty();
                    assertThat(shadowTokenOwners(newProcessor)).as("the new run's token row, still claimed").singleElement()
                            .isNotNull();
                    // and the new run's shadow goes on from its own token
                    post("/api/v1/orders", alice, order(aliceAccount, symbol, "BUY", "1.00", "1"), 201);
                    long head = control.head();
                    shadow.awaitPosition(head, control.tail(), control::head, Progress.none(), ShadowReadModel.STUCK);
                    shadow.stop();
                    assertThat(shadow.storedToken().position().orElse(-1)).isGreaterThanOrEqualTo(head);
                    assertThat(takenOver.lost()).isNull();
                    takenOver.confirm();
                    assertThat(processing.eventProcessor("orders", PooledStreamingEventProcessor.class).orElseThrow().isRunning())
                            .as("the live processor runs again").isTrue();
                } finally {
                    shadow.stop();
                    shadow.deleteTokens();
                    shadow.dropCollections();
                }
            }
        } finally {
            resume.countDown();
        }
    }

    @Test
    void theCleanupDeletesTheTokenRowsOfStaleRunsShadowProcessorsAndOfTheLegacyOneButNotAFreshRunsOrLookalikes()
            throws Exception {
        ProcessorControl control = control(Map.of());
        ProjectionGroups.Group group = control.groups.rebuildable("payments-view");
        long now = System.currentTimeMillis();
        String old = Long.toString(now - control.lockStale.toMillis() - 5_000, 36);
        String legacy = group.name() + "__rebuild";
        String stale = legacy + "__r" + old;
        String staleVerification = legacy + "__v" + old;
        String fresh = legacy + "__r" + Long.toString(now - 1_000, 36);
        List<String> lookalikes = List.of(stale + "_copy", legacy + "__x" + old, legacy + "x__r" + old, "x" + stale,
                group.name() + "-other__rebuild__r" + old, group.name() + "xxrebuild__r" + old);
        List<String> planted = new ArrayList<>(List.of(legacy, stale, staleVerification, fresh));
        planted.addAll(lookalikes);
        int liveSegments = transactions.fetchInTransaction(() -> tokenStore.fetchSegments(group.name())).length;
        assertThat(liveSegments).isPositive();
        transactions.executeInTransaction(() -> planted.forEach(name -> tokenStore.initializeTokenSegments(name, 1)));
        // a dead process's claim: the token store would not let anyone else delete it
        setOwner(stale, "dead-node@elsewhere");
        try {
            control.clearLeftovers(group);
            assertThat(List.of(legacy, stale, staleVerification)).allSatisfy(name ->
                    assertThat(transactions.fetchInTransaction(() -> tokenStore.fetchSegments(name))).as(name).isEmpty());
            List<String> kept = new ArrayList<>(lookalikes);
            kept.add(fresh);
            assertThat(kept).allSatisfy(name ->
                    assertThat(transactions.fetchInTransaction(() -> tokenStore.fetchSegments(name))).as(name).hasSize(1));
            assertThat(transactions.fetchInTransaction(() -> tokenStore.fetchSegments(group.name()))).as("the live group's")
                    .hasSize(liveSegments);
        } finally {
            try (java.sql.Connection connection = dataSource.getConnection();
                 java.sql.PreparedStatement delete = connection.prepareStatement("DELETE FROM token_entry WHERE processor_name = ?")) {
                for (String name : planted) {
                    delete.setString(1, name);
                    delete.executeUpdate();
                }
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
            }
        }
    }

    /** The owners of the claims on the token rows of the shadow processor {@code processor} (null for an unclaimed segment). */
    private List<String> shadowTokenOwners(String processor) throws java.sql.SQLException {
        try (java.sql.Connection connection = dataSource.getConnection();
             java.sql.PreparedStatement query = connection.prepareStatement(
                     "SELECT owner FROM token_entry WHERE processor_name = ?")) {
            query.setString(1, processor);
            List<String> owners = new ArrayList<>();
            try (java.sql.ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    owners.add(rows.getString(1));
                }
            }
            return owners;
        }
    }

    @Test
    void theHeartbeatOfALockTakenOverFindsOutAndTellsTheRun() {
        MongoDatabase raw = AliasedMongoDatabase.raw(database);
        String group = "scratch-lock-" + System.nanoTime();
        List<String> told = Collections.synchronizedList(new ArrayList<>());
        try (RebuildLock slow = RebuildLock.acquire(raw, group, "rebuild", Clock.systemUTC(), RebuildLock.STALE,
                Duration.ofMillis(100))) {
            slow.onLost(told::add);
            slow.confirm();
            Clock late = Clock.offset(Clock.systemUTC(), RebuildLock.STALE.plusSeconds(5));
            java.util.concurrent.atomic.AtomicReference<RebuildLock> taken = new java.util.concurrent.atomic.AtomicReference<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                try {
                    taken.set(RebuildLock.acquire(raw, group, "rebuild", late));
                    return true;
                } catch (RebuildRefusedException beatMeanwhile) {
                    return false;
                }
            });
            try (RebuildLock takenOver = taken.get()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> !told.isEmpty());
                slow.close();
                assertThat(raw.getCollection(RebuildLock.COLLECTION).countDocuments(Filters.eq("_id", group)))
                        .as("closing the lost lock leaves the new holder's document alone").isOne();
                assertThat(told).singleElement().asString().contains("took it over");
                assertThat(slow.lost()).isNotNull();
                assertThatThrownBy(slow::confirm).hasMessageContaining("lost the lock of '" + group + "'");
                takenOver.confirm();
                List<String> late2 = new ArrayList<>();
                slow.onLost(late2::add);
                assertThat(late2).as("a listener registered after the loss is told at once").hasSize(1);
            }
            assertThat(raw.getCollection(RebuildLock.COLLECTION).countDocuments(Filters.eq("_id", group))).isZero();
        }
    }

    @Test
    void ofTwoAcquirersOfAVanishedLockOnlyOneWinsAndTheOtherOverwritesNothing() throws Exception {
        MongoDatabase raw = AliasedMongoDatabase.raw(database);
        com.mongodb.client.MongoCollection<Document> locks = raw.getCollection(RebuildLock.COLLECTION);
        String group = "scratch-vanished-" + System.nanoTime();
        // both found the document gone: the first to write it wins, the second must not replace it
        Document first = new Document("_id", group).append("owner", "first").append("heartbeat", 1L);
        Document second = new Document("_id", group).append("owner", "second").append("heartbeat", 2L);
        assertThat(RebuildLock.insert(locks, first)).isTrue();
        assertThat(RebuildLock.insert(locks, second)).as("held by the first").isFalse();
        assertThat(locks.find(Filters.eq("_id", group)).first().getString("owner")).isEqualTo("first");
        locks.deleteOne(Filters.eq("_id", group));
        // and racing through acquire: exactly one holds it, the one its document names
        String raced = "scratch-race-" + System.nanoTime();
        int racers = 6;
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(racers);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(racers);
        List<RebuildLock> won = Collections.synchronizedList(new ArrayList<>());
        try {
            List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                runs.add(threads.submit(() -> {
                    together.await();
                    try {
                        won.add(RebuildLock.acquire(raw, raced, "rebuild", Clock.systemUTC()));
                    } catch (RebuildRefusedException refused) {
                        assertThat(refused.reason()).isEqualTo(RebuildRefusedException.Reason.ALREADY_RUNNING);
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> run : runs) {
                run.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertThat(won).hasSize(1);
            won.get(0).confirm();
        } finally {
            threads.shutdownNow();
            won.forEach(RebuildLock::close);
        }
    }

    @Test
    void aTakeoverWaitsForTheHoldersStaleTimeWhenItIsLongerAndOwnWhenTheDocumentHasNone() {
        MongoDatabase raw = AliasedMongoDatabase.raw(database);
        String group = "scratch-stale-" + System.nanoTime();
        try (RebuildLock patient = RebuildLock.acquire(raw, group, "rebuild", Clock.systemUTC(), Duration.ofMinutes(5),
                Duration.ofSeconds(10))) {
            assertThat(raw.getCollection(RebuildLock.COLLECTION).find(Filters.eq("_id", group)).first().get("stale"))
                    .isEqualTo(Duration.ofMinutes(5).toMillis());
            Clock late = Clock.offset(Clock.systemUTC(), RebuildLock.STALE.plusSeconds(5));
            assertThatThrownBy(() -> RebuildLock.acquire(raw, group, "rebuild", late))
                    .as("stale for the taker, not for the holder").isInstanceOf(RebuildRefusedException.class);
            assertThat(patient.lost()).isNull();
            patient.confirm();
        }
        // a document of an older version, without the holder's stale time: the taker's own
        long old = Clock.systemUTC().millis() - RebuildLock.STALE.plusSeconds(5).toMillis();
        raw.getCollection(RebuildLock.COLLECTION).insertOne(new Document("_id", group).append("owner", "older")
                .append("what", "rebuild").append("heartbeat", old).append("since", old));
        try (RebuildLock takenOver = RebuildLock.acquire(raw, group, "rebuild", Clock.systemUTC())) {
            takenOver.confirm();
        }
    }

    @Test
    void anErrorInTheHeartbeatMarksTheLockLostInsteadOfEndingItSilently() {
        MongoDatabase raw = AliasedMongoDatabase.raw(database);
        String group = "scratch-error-" + System.nanoTime();
        AtomicBoolean failing = new AtomicBoolean();
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                if (failing.get()) {
                    throw new AssertionError("a clock that fails");
                }
                return java.time.Instant.now();
            }
        };
        try (RebuildLock lock = RebuildLock.acquire(raw, group, "rebuild", clock, RebuildLock.STALE, Duration.ofMillis(50))) {
            List<String> told = Collections.synchronizedList(new ArrayList<>());
            lock.onLost(told::add);
            failing.set(true);
            await().atMost(Duration.ofSeconds(30)).until(() -> !told.isEmpty());
            assertThat(lock.lost()).contains("its heartbeat failed", "a clock that fails");
            assertThatThrownBy(lock::check).hasMessageContaining("lost the lock of '" + group + "'");
        }
    }

    @Test
    void theLocalCheckFailsOnceNoHeartbeatWasStoredForTheStaleTime() {
        MongoDatabase raw = AliasedMongoDatabase.raw(database);
        String group = "scratch-check-" + System.nanoTime();
        // a heartbeat far less often than the stale time (a holder whose beats do not get through)
        try (RebuildLock lock = RebuildLock.acquire(raw, group, "rebuild", Clock.systemUTC(), Duration.ofMillis(300),
                Duration.ofMinutes(1))) {
            lock.check();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThatThrownBy(lock::check)
                    .hasMessageContaining("its heartbeat could not be stored"));
            assertThat(lock.lost()).isNotNull();
        }
    }

    @Test
    void aRunThatFindsItsLockLostRightAfterTheSwitchSwitchesBack() throws Exception {
        awaitCaughtUp();
        MongoDatabase raw = AliasedMongoDatabase.raw(database);
        RebuildService service = new RebuildService(control(Map.of()));
        Map<String, String> before = aliases.current();
        java.util.concurrent.atomic.AtomicReference<RebuildLock> taken = new java.util.concurrent.atomic.AtomicReference<>();
        Clock late = Clock.offset(Clock.systemUTC(), RebuildLock.STALE.plusSeconds(5));
        // switched already, when another process takes the lock for dead: the confirm after the switch finds out
        service.afterSwitch = () -> await().atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                taken.set(RebuildLock.acquire(raw, "orders", "rebuild", late));
                return true;
            } catch (RebuildRefusedException beatMeanwhile) {
                return false;
            }
        });
        try {
            assertThatThrownBy(() -> service.rebuild("orders", true, Progress.none()))
                    .hasMessageContaining("lost the lock of 'orders'").hasMessageContaining("switches back");
            assertThat(taken.get()).isNotNull();
            assertThat(aliases.current()).as("switched back").isEqualTo(before);
            assertThat(new ReadModelAliases(raw).current()).as("switched back in the store").isEqualTo(before);
            assertThat(processing.eventProcessor("orders", PooledStreamingEventProcessor.class).orElseThrow().isRunning())
                    .as("the live processor runs again").isTrue();
            assertThat(taken.get().lost()).isNull();
            taken.get().confirm();
        } finally {
            if (taken.get() != null) {
                taken.get().close();
            }
        }
    }

    @Test
    void theCleanupDropsOnlyShadowsOlderThanTheLockStaleTimeMatchedByTheirExactSuffix() {
        ProcessorControl control = control(Map.of());
        ProjectionGroups.Group group = control.groups.rebuildable("payments-view");
        String logical = group.collections().get(0);
        MongoDatabase raw = AliasedMongoDatabase.raw(database);
        long now = System.currentTimeMillis();
        String old = Long.toString(now - control.lockStale.toMillis() - 5_000, 36);
        String stale = logical + "__r" + old;
        String staleVerification = logical + "__v" + old;
        String fresh = logical + "__r" + Long.toString(now - 1_000, 36);
        List<String> lookalikes = List.of(logical + "__r" + old + "_copy", logical + "_archive__r" + old,
                "x" + logical + "__r" + old, logical + "__x" + old);
        List<String> planted = new ArrayList<>(List.of(stale, staleVerification, fresh));
        planted.addAll(lookalikes);
        planted.forEach(name -> raw.getCollection(name).insertOne(new Document("_id", name)));
        try {
            List<String> dropped = control.clearLeftovers(group);
            assertThat(dropped).contains(stale, staleVerification).doesNotContain(fresh).doesNotContainAnyElementsOf(lookalikes);
            assertThat(raw.listCollectionNames().into(new ArrayList<>())).doesNotContain(stale, staleVerification)
                    .contains(fresh).containsAll(lookalikes);
        } finally {
            planted.forEach(name -> raw.getCollection(name).drop());
        }
    }

    @Test
    void aLockStaleTimeShorterThanThreeHeartbeatsOrTheClaimTimeoutIsRefused() {
        assertThatThrownBy(() -> control(Map.of("tandem.rebuild.lock-stale", "5s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tandem.rebuild.lock-stale (PT5S) must be longer than the token claim timeout")
                .hasMessageContaining("PT10S");
        assertThatThrownBy(() -> control(Map.of("tandem.rebuild.lock-stale", "20s", "tandem.rebuild.lock-heartbeat", "10s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be at least three heartbeats (tandem.rebuild.lock-heartbeat PT10S)");
        assertThatThrownBy(() -> control(Map.of("tandem.rebuild.lock-stale", "30s",
                "axon.eventhandling.tokenstore.claim-timeout", "30s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("claim timeout (axon.eventhandling.tokenstore.claim-timeout PT30S)");
        ProcessorControl valid = control(Map.of("tandem.rebuild.lock-stale", "30s", "tandem.rebuild.lock-heartbeat", "10s"));
        assertThat(valid.lockHeartbeat).isEqualTo(Duration.ofSeconds(10));
        assertThat(control(Map.of("tandem.rebuild.lock-stale", "15s")).lockHeartbeat).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void verificationPassesOnAnUntouchedStoreAndFindsAPlantedDifference() {
        awaitCaughtUp();
        ReadModelReport clean = verifier.verify(Progress.none());
        assertThat(clean.ok()).as(clean.human()).isTrue();
        assertThat(clean.excluded()).containsExactly(ReadModelCollections.LEADERBOARD, ReadModelCollections.LEADERBOARD_RUNS);
        assertThat(clean.groups()).extracting(ReadModelReport.GroupResult::group).contains("portfolio", "social", "orders");

        String posts = aliases.physical(ReadModelCollections.POSTS);
        Document post = AliasedMongoDatabase.raw(database).getCollection(posts).find().first();
        assertThat(post).isNotNull();
        Object id = post.get("_id");
        AliasedMongoDatabase.raw(database).getCollection(posts).updateOne(Filters.eq("_id", id), Updates.set("text", "tampered"));
        try {
            ReadModelReport planted = verifier.verify(List.of("social", "orders"), Progress.none());
            assertThat(planted.ok()).isFalse();
            ReadModelReport.GroupResult social = planted.groups().get(0);
            DocumentDiff.Result postsResult = social.readModels().stream()
                    .filter(model -> model.collection().equals(ReadModelCollections.POSTS)).findFirst().orElseThrow();
            assertThat(postsResult.differences()).isEqualTo(1);
            assertThat(postsResult.first()).singleElement().asString().contains(String.valueOf(id), "text", "tampered");
            assertThat(social.differences()).isEqualTo(1);
            assertThat(planted.groups().get(1).differences()).isZero();
            assertThat(planted.human()).contains("DIFFER", "tampered");
        } finally {
            AliasedMongoDatabase.raw(database).getCollection(posts).replaceOne(Filters.eq("_id", id), post);
        }
    }

    @Test
    void theCommandLineRebuildsAndVerifiesThroughTheRunningServer() throws Exception {
        awaitCaughtUp();
        String url = "http://127.0.0.1:" + port;
        Cli rebuilt = cli("rebuild", "--processor", "orders", "--side-by-side", "--json", "--server", url, "--token", admin);
        assertThat(rebuilt.status()).as(rebuilt.err()).isEqualTo(AuditExit.OK);
        JsonNode report = JSON.readTree(rebuilt.out()).path("report");
        assertThat(report.path("processor").asText()).isEqualTo("orders");
        assertThat(report.path("mode").asText()).isEqualTo("side-by-side");
        assertThat(aliases.physical(ReadModelCollections.ORDERS)).isNotEqualTo(ReadModelCollections.ORDERS);

        Cli verified = cli("verify", "read-models", "--processor", "orders", "--processor", "portfolio", "--server", url, "--token", admin);
        assertThat(verified.status()).as(verified.err() + verified.out()).isEqualTo(AuditExit.OK);

        Cli saga = cli("rebuild", "--processor", "settlement", "--server", url, "--token", admin);
        assertThat(saga.status()).isEqualTo(AuditExit.FAILED);
        assertThat(saga.err()).contains("409", "NOT_REBUILDABLE");
        Cli unknown = cli("rebuild", "--processor", "no-such-group", "--server", url, "--token", admin);
        assertThat(unknown.status()).isEqualTo(AuditExit.FAILED);
        assertThat(unknown.err()).contains("404");
        assertThat(cli("rebuild", "--server", url, "--token", admin).status()).as("--processor missing").isEqualTo(AuditExit.USAGE);
        assertThat(cli("verify", "read-models", "--server", url, "--token", alice).status()).as("not an admin")
                .isEqualTo(AuditExit.FAILED);
    }

    private record Cli(int status, String out, String err) {
    }

    private static Cli cli(String... args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int status = io.tandem.infra.audit.AuditCommandLine.run(args,
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        return new Cli(status, out.toString(java.nio.charset.StandardCharsets.UTF_8), err.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A control as the server's, with {@code settings} over the application's properties. */
    private ProcessorControl control(Map<String, Object> settings) {
        StandardEnvironment overridden = new StandardEnvironment();
        ConfigurableEnvironment application = (ConfigurableEnvironment) environment;
        overridden.merge(application);
        overridden.setConversionService(application.getConversionService());
        overridden.getPropertySources().addFirst(new MapPropertySource("test-settings", settings));
        return new ProcessorControl(eventStore, tokenStore, transactions, database, new SingleProvider<>(aliases),
                new SingleProvider<>(processing), overridden, Clock.systemUTC(), new SingleProvider<>(dataSource),
                new SingleProvider<>(failures));
    }

    private void awaitCaughtUp() {
        long head = eventStore.createHeadToken().position().orElse(-1);
        await().atMost(Duration.ofSeconds(60)).until(() -> ProjectionGroups.scan().rebuildableNames().stream()
                .allMatch(group -> processing.eventProcessor(group, PooledStreamingEventProcessor.class)
                        .map(processor -> ShadowReadModel.lowest(processor).orElse(-1) >= head).orElse(true)));
    }

    private String profileHandle(String token) {
        return post("/graphql", token, json(Map.of("query", "{ me { handle } }")), 200).path("data").path("me").path("handle").asText();
    }

    private String token(String user, String role) {
        return post("/api/v1/dev/tokens", null, json(Map.of("userId", user, "roles", List.of(role))), 200).path("token").asText();
    }

    private static String order(String account, String symbol, String side, String price, String quantity) {
        return json(Map.of("clientOrderId", "o-" + UUID.randomUUID(), "accountId", account, "symbol", symbol, "side", side,
                "type", "LIMIT", "price", price, "quantity", quantity, "timeInForce", "GTC"));
    }

    private JsonNode post(String path, String token, String body, int expected) {
        return send("POST", path, token, body, expected);
    }

    private JsonNode send(String method, String path, String token, String body, int expected) {
        try {
            HttpResponse<String> response = raw(method, path, token, body);
            if (expected > 0) {
                assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
            } else {
                assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 204);
            }
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> raw(String method, String path, String token, String body, int... ignored) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path dataDir() {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target")), "rebuild-tests-").toAbsolutePath();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An ObjectProvider of one bean, for building a {@link ProcessorControl} by hand. */
    private record SingleProvider<T>(T bean) implements org.springframework.beans.factory.ObjectProvider<T> {
        @Override
        public T getObject(Object... args) {
            return bean;
        }

        @Override
        public T getIfAvailable() {
            return bean;
        }

        @Override
        public T getIfUnique() {
            return bean;
        }

        @Override
        public T getObject() {
            return bean;
        }
    }
}
