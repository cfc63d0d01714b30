package io.tandem;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.tandem.LoadMarket.Trader;
import io.tandem.TandemClient.Response;
import io.tandem.infra.readmodel.ReadModelAliases;
import io.tandem.projection.support.ReadModelCollections;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A side-by-side rebuild killed with SIGKILL part way (issue 11). The application runs as a separate
 * JVM on a temporary data directory, as in {@link CrashSafetyEndToEndTest}; a history of trades is made
 * through its API, then a side-by-side rebuild of {@code portfolio} is started through the admin
 * endpoint, reading the log slowly ({@code tandem.rebuild.max-events-per-second}) so that it is still
 * replaying when its job first reports progress, and the process is killed then. Restarted on the same
 * data directory (without the slow read):
 * <ul>
 *   <li>the live read model serves and is as before: the same accounts through GraphQL, the same
 *       documents in its collections, and the aliases still name the live collections;</li>
 *   <li>the crashed run left its lock (stale) and its half-built shadow collections behind;</li>
 *   <li>a new side-by-side rebuild of the group succeeds: it takes the stale lock over (its stale time is
 *       short here, {@code tandem.rebuild.lock-stale}), drops the crashed run's shadow collections and
 *       deletes the token rows of its shadow processor (named after the run: read from the store's file while the
 *       application is down, before and after), and switches to collections of its own, which answer as before;</li>
 *   <li>{@code verify read-models} for the group then reports no difference.</li>
 * </ul>
 * The test reads the read-model store directly too: the embedded server listens on a loopback port,
 * which the application logs. The application ({@link ForkedApplication}) writes its output to
 * {@code target/rebuild-crash/}.
 */
class RebuildCrashEndToEndTest {

    static final String GROUP = "portfolio";
    static final List<String> COLLECTIONS = List.of(ReadModelCollections.ACCOUNTS, ReadModelCollections.TRANSFERS,
            ReadModelCollections.streamHeads(GROUP));
    /** RebuildLock.COLLECTION. */
    static final String LOCKS = "read_model_rebuilds";
    static final String SYMBOL = "RKA";
    static final int TRADERS = 4;
    /** Trades made after the market's setup: each moves cash, stock, reservations and fees in the portfolio read model. */
    static final int TRADES = 30;
    /** The crashed run reads the log this slowly, so that it is still replaying when it is killed. */
    static final int SLOW_EVENTS_PER_SECOND = 40;
    /** Above the token claim timeout (10 s), as the application requires. */
    static final Duration LOCK_STALE = Duration.ofSeconds(11);
    /** The application starts twice and does little: a quick start (C1 only, one GC thread) matters more than peak speed. */
    static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);
    static final Pattern READ_MODEL_PORT = Pattern.compile("Read models in embedded MongoDB-compatible server on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dataDir;

    private ForkedApplication app;
    private MongoClient readModels;

    @AfterEach
    void killTheApplication() throws InterruptedException {
        if (readModels != null) {
            readModels.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aSideBySideRebuildKilledPartWayLeavesTheLiveReadModelServingAndTheNextRebuildCleansUpAndSucceeds() throws Exception {
        app = new ForkedApplication(dataDir, "rebuild-crash", QUICK_START,
                List.of("--tandem.rebuild.lock-stale=" + LOCK_STALE.toMillis() + "ms"));
        TandemClient first = app.start("--tandem.rebuild.max-events-per-second=" + SLOW_EVENTS_PER_SECOND);
        LoadMarket market = LoadMarket.open(first, "rbk", List.of(SYMBOL), TRADERS, "100000.00", "100");
        trade(first, market);
        LedgerInvariant.awaitBalanced(first, market.admin);
        MongoDatabase store = store();
        Map<String, List<Document>> before = settled(store);
        Map<String, JsonNode> accountsBefore = accounts(first, market);
        Document aliasesBefore = aliases(store);
        assertThat(before.get(ReadModelCollections.ACCOUNTS)).hasSizeGreaterThan(TRADERS);
        phase("started, " + TRADES + " trades made and settled");

        // the crashed run: killed while it replays, with a half-built shadow
        String job = startRebuild(first, market.admin);
        AtomicReference<JsonNode> replaying = new AtomicReference<>();
        await().atMost(JOB_TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> {
            JsonNode view = job(first, market.admin, job);
            assertThat(view.path("status").asText()).as("the rebuild ended before it could be killed: %s", view).isEqualTo("RUNNING");
            replaying.set(view);
            // seconds in (a second's worth may come at once): the shadow's token row, written when it started, is on
            // disk by now (H2 writes its file every WRITE_DELAY, 500 ms)
            return view.path("progress").path("phase").asText().startsWith("replaying " + GROUP)
                    && view.path("progress").path("done").asLong() >= 3 * SLOW_EVENTS_PER_SECOND;
        });
        List<String> halfBuilt = shadows(store);
        assertThat(halfBuilt).as("shadow collections of the running rebuild").isNotEmpty();
        assertThat(store.getCollection(halfBuilt.stream().filter(name -> name.startsWith(ReadModelCollections.ACCOUNTS + "__r"))
                .findFirst().orElseThrow()).countDocuments()).isPositive();
        JsonNode progress = replaying.get().path("progress");
        // the crashed run's shadow processor, named after the run as its collections are (ProcessorControl.shadowSuffix)
        String crashedProcessor = GROUP + "__rebuild__r" + Long.toString(store.getCollection(LOCKS)
                .find(Filters.eq("_id", GROUP)).first().get("since", Number.class).longValue(), 36);
        kill();
        assertThat(shadowTokenRows()).as("the crashed run's token rows").isNotEmpty().containsOnly(crashedProcessor);
        assertThat(progress.path("done").asLong()).as("killed part way: %s", progress).isLessThan(progress.path("total").asLong());
        phase("rebuild killed at " + progress);

        TandemClient client = app.start();
        store = store();
        assertThat(aliases(store)).as("the aliases still name the live collections").isEqualTo(aliasesBefore);
        assertThat(store.getCollection(LOCKS).find(Filters.eq("_id", GROUP)).first()).as("the crashed run's lock").isNotNull();
        assertThat(shadows(store)).as("the crashed run's shadow collections").containsAll(halfBuilt);
        MongoDatabase restarted = store;
        TandemClient now = client;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(snapshot(restarted)).isEqualTo(before);
            assertThat(accounts(now, market)).isEqualTo(accountsBefore);
        });
        phase("restarted: the live read model serves as before");

        // a new rebuild takes the stale lock over, once its heartbeat is older than the stale time, drops what the
        // crashed run left and switches
        long crashedBeat = restarted.getCollection(LOCKS).find(Filters.eq("_id", GROUP)).first()
                .get("heartbeat", Number.class).longValue();
        await().atMost(LOCK_STALE.multipliedBy(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> System.currentTimeMillis() - crashedBeat > LOCK_STALE.toMillis() + 500);
        String second = startRebuild(client, market.admin);
        JsonNode done = awaitFinished(client, market.admin, second);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("DONE");
        JsonNode switched = done.path("report").path("switched");
        assertThat(switched.path(ReadModelCollections.ACCOUNTS).asText()).startsWith(ReadModelCollections.ACCOUNTS + "__r");
        assertThat(COLLECTIONS).allSatisfy(logical -> assertThat(halfBuilt).doesNotContain(switched.path(logical).asText()));
        assertThat(restarted.listCollectionNames().into(new ArrayList<>())).as("the crashed run's shadow collections are dropped")
                .doesNotContainAnyElementsOf(halfBuilt);
        assertThat(restarted.getCollection(LOCKS).find(Filters.eq("_id", GROUP)).first()).as("the lock, released").isNull();
        Document map = aliases(restarted).get("map", Document.class);
        COLLECTIONS.forEach(logical -> assertThat(map.getString(logical)).isEqualTo(switched.path(logical).asText()));
        assertThat(accounts(client, market)).isEqualTo(accountsBefore);
        phase("second rebuild switched to " + switched);

        JsonNode verified = awaitFinished(client, market.admin, client.post("/api/v1/admin/audit/verify/read-models", market.admin,
                Map.of("groups", List.of(GROUP))).body().path("jobId").asText());
        assertThat(verified.path("status").asText()).as(verified.toString()).isEqualTo("DONE");
        assertThat(verified.path("ok").asBoolean()).as(verified.path("human").asText()).isTrue();
        phase("verify read-models: " + GROUP + " equal to a fresh rebuild");

        // killed too (the only way to stop it): what was committed seconds before is on disk
        kill();
        assertThat(shadowTokenRows()).as("the crashed run's token rows, deleted by the next run").doesNotContain(crashedProcessor);
    }

    /**
     * The token rows of the group's shadow processors ({@code <group>__rebuild...}), one name per row, read from the
     * stopped application's event store file.
     */
    private List<String> shadowTokenRows() throws java.sql.SQLException {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("axon"), "sa", "");
             java.sql.PreparedStatement query = connection.prepareStatement(
                     "SELECT processor_name FROM token_entry WHERE processor_name LIKE ? ESCAPE '!'")) {
            query.setString(1, GROUP + "!_!_rebuild%");
            List<String> names = new ArrayList<>();
            try (java.sql.ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        }
    }

    /** {@value #TRADES} trades between the traders, one lot each, that leave nothing reserved. */
    private static void trade(TandemClient client, LoadMarket market) {
        for (int i = 0; i < TRADES; i++) {
            Trader seller = market.traders.get(i % TRADERS);
            Trader buyer = market.traders.get((i + 1) % TRADERS);
            Response ask = client.place(seller.token(), seller.account(), "ask-" + i, SYMBOL, "SELL", LoadMarket.SETUP_PRICE, "1", "GTC");
            assertThat(ask.status()).as(ask.raw()).isEqualTo(201);
            Response bid = client.place(buyer.token(), buyer.account(), "bid-" + i, SYMBOL, "BUY", LoadMarket.SETUP_PRICE, "1", "IOC");
            assertThat(bid.status()).as(bid.raw()).isEqualTo(201);
            assertThat(bid.text("status")).as(bid.raw()).isEqualTo("FILLED");
        }
    }

    /** The group's read model once the live processor has settled: the same documents twice in a row. */
    private Map<String, List<Document>> settled(MongoDatabase store) {
        AtomicReference<Map<String, List<Document>>> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    Map<String, List<Document>> now = snapshot(store);
                    return now.equals(last.getAndSet(now));
                });
        return last.get();
    }

    /** Every document of the group's read model, through the aliases, in {@code _id} order. */
    private static Map<String, List<Document>> snapshot(MongoDatabase store) {
        Document aliases = aliases(store);
        Document map = aliases == null ? new Document() : aliases.get("map", new Document());
        Map<String, List<Document>> documents = new LinkedHashMap<>();
        for (String logical : COLLECTIONS) {
            documents.put(logical, store.getCollection(map.getString(logical) == null ? logical : map.getString(logical))
                    .find().sort(Sorts.ascending("_id")).into(new ArrayList<>()));
        }
        return documents;
    }

    private static Document aliases(MongoDatabase store) {
        return store.getCollection(ReadModelAliases.COLLECTION).find(Filters.eq("_id", "aliases")).first();
    }

    /** Shadow collections of the group that exist now ({@code <logical>__r<id>}). */
    private static List<String> shadows(MongoDatabase store) {
        return store.listCollectionNames().into(new ArrayList<>()).stream()
                .filter(name -> COLLECTIONS.stream().anyMatch(logical -> name.matches(Pattern.quote(logical) + "__r[0-9a-z]+")))
                .sorted().toList();
    }

    /** Every account of the market as GraphQL shows it, by account id. */
    private static Map<String, JsonNode> accounts(TandemClient client, LoadMarket market) {
        Map<String, JsonNode> accounts = new LinkedHashMap<>();
        accounts.put(market.issuerAccount, client.account(market.issuerToken, market.issuerAccount));
        market.traders.forEach(trader -> accounts.put(trader.account(), client.account(trader.token(), trader.account())));
        accounts.values().forEach(account -> assertThat(account.path("id").asText()).as(account.toString()).isNotEmpty());
        return accounts;
    }

    /**
     * Starts a side-by-side rebuild of the group; a restarted node may refuse it for a few seconds
     * (SERVER_RUNS_IT: the killed process still holds the live processor's claim until it times out and
     * this node takes it).
     */
    private static String startRebuild(TandemClient client, String admin) {
        AtomicReference<String> job = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Response started = client.post("/api/v1/admin/audit/rebuild", admin, Map.of("processor", GROUP, "sideBySide", true));
            if (started.status() == 409 && "SERVER_RUNS_IT".equals(started.text("code"))) {
                return false;
            }
            assertThat(started.status()).as(started.raw()).isEqualTo(202);
            job.set(started.text("jobId"));
            return true;
        });
        return job.get();
    }

    private static JsonNode job(TandemClient client, String admin, String id) {
        Response view = client.get("/api/v1/admin/audit/jobs/" + id, admin);
        assertThat(view.status()).as(view.raw()).isEqualTo(200);
        return view.body();
    }

    private static JsonNode awaitFinished(TandemClient client, String admin, String id) {
        AtomicReference<JsonNode> finished = new AtomicReference<>();
        await().atMost(JOB_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
            finished.set(job(client, admin, id));
            return !finished.get().path("status").asText().equals("RUNNING");
        });
        return finished.get();
    }

    // ---------------------------------------------------------------- the application process


    /** The running application's read-model store, through the loopback port it logged. */
    private MongoDatabase store() throws IOException {
        String readModelPort = app.logged(READ_MODEL_PORT);
        if (readModels != null) {
            readModels.close();
        }
        readModels = MongoClients.create("mongodb://127.0.0.1:" + readModelPort);
        return readModels.getDatabase("tandem");
    }

    private void kill() throws InterruptedException {
        readModels.close();
        readModels = null;
        app.kill();
    }

    private long phaseStarted = System.nanoTime();

    private void phase(String name) {
        long now = System.nanoTime();
        System.out.printf("[%s] %s: %.1f s%n", getClass().getSimpleName(), name, (now - phaseStarted) / 1e9);
        phaseStarted = now;
    }
}
