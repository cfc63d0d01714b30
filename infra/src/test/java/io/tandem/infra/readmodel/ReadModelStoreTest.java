package io.tandem.infra.readmodel;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.tandem.infra.config.TandemProperties;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ReadModelStoreTest {

    @TempDir
    Path dataDir;

    private TandemProperties properties(String uri) {
        return new TandemProperties(dataDir, new TandemProperties.Mongo(uri, "tandem"),
                new TandemProperties.Security(null, false, Duration.ofHours(1), "tandem"),
                new TandemProperties.Settlement("platform-fees", "platform"));
    }

    private static MongoCollection<Document> accounts(ReadModelStore store) {
        return store.client().getDatabase("tandem").getCollection("accounts");
    }

    @Test
    void embeddedDocumentsSurviveClosingAndReopeningTheStore() {
        try (ReadModelStore store = ReadModelStore.open(properties(null))) {
            accounts(store).replaceOne(Filters.eq("_id", "acc-1"), new Document("_id", "acc-1").append("available", "10.00"),
                    new ReplaceOptions().upsert(true));
        }

        try (ReadModelStore reopened = ReadModelStore.open(properties(null))) {
            assertThat(accounts(reopened).find(Filters.eq("_id", "acc-1")).first())
                    .containsEntry("available", "10.00");
        }
        assertThat(dataDir.resolve(ReadModelStore.EMBEDDED_FILE)).exists();
    }

    @Test
    void embeddedServerListensOnLoopbackOnly() {
        try (ReadModelStore store = ReadModelStore.open(properties(null))) {
            assertThat(store.embedded()).isTrue();
            assertThat(store.client().getClusterDescription().getClusterSettings().getHosts())
                    .singleElement()
                    .satisfies(address -> assertThat(address.getHost()).isEqualTo("127.0.0.1"));
        }
    }

    @Test
    void configuredUriIsUsedInsteadOfTheEmbeddedServer() {
        MongoServer external = new MongoServer(new MemoryBackend());
        InetSocketAddress address = external.bind();
        String uri = "mongodb://127.0.0.1:" + address.getPort();
        try (ReadModelStore store = ReadModelStore.open(properties(uri));
             MongoClient direct = MongoClients.create(uri)) {
            accounts(store).insertOne(new Document("_id", "acc-2"));

            assertThat(store.embedded()).isFalse();
            assertThat(direct.getDatabase("tandem").getCollection("accounts").countDocuments()).isEqualTo(1);
            assertThat(dataDir.resolve(ReadModelStore.EMBEDDED_FILE)).doesNotExist();
        } finally {
            external.shutdownNow();
        }
    }

    @Test
    void embeddedConditionalUpdatesByIdMatchExactlyWhatTheFullQuerySays() {
        try (ReadModelStore store = ReadModelStore.open(properties(null))) {
            MongoCollection<Document> accounts = accounts(store);
            for (int i = 0; i < 200; i++) {
                accounts.insertOne(new Document("_id", "acc-" + i).append("lastSeq", (long) i).append("n", 0));
            }
            Document newer = new Document("_id", "acc-7").append("lastSeq", new Document("$lt", 8L));
            Document older = new Document("_id", "acc-9").append("lastSeq", new Document("$lt", 9L));
            Document update = new Document("$inc", new Document("n", 1));

            assertThat(accounts.updateOne(newer, update).getMatchedCount()).isEqualTo(1);
            assertThat(accounts.updateOne(older, update).getMatchedCount()).isZero();
            assertThat(accounts.find(new Document("_id", "acc-7").append("n", 1)).first()).isNotNull();
            assertThat(accounts.find(new Document("_id", "acc-9").append("n", 1)).first()).isNull();
            assertThat(accounts.countDocuments(new Document("_id", "acc-42").append("lastSeq", 42L))).isEqualTo(1);
            assertThat(accounts.countDocuments(new Document("n", 1))).isEqualTo(1);
        }
    }

    @Test
    void aReadModelFileWrittenByTheStockH2BackendStillOpens() {
        de.bwaldvogel.mongo.backend.h2.H2Backend stock =
                new de.bwaldvogel.mongo.backend.h2.H2Backend(dataDir.resolve(ReadModelStore.EMBEDDED_FILE).toString());
        MongoServer server = new MongoServer(stock);
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            client.getDatabase("tandem").getCollection("accounts")
                    .insertOne(new Document("_id", "acc-old").append("available", 1234L).append("owner", "alice"));
        } finally {
            server.shutdownNow();
        }

        try (ReadModelStore reopened = ReadModelStore.open(properties(null))) {
            MongoCollection<Document> accounts = accounts(reopened);
            assertThat(accounts.find(Filters.eq("_id", "acc-old")).first()).containsEntry("available", 1234L);
            accounts.updateOne(Filters.eq("_id", "acc-old"), new Document("$inc", new Document("available", 1L)));
            accounts.insertOne(new Document("_id", "acc-new").append("available", 5L));
        }
        try (ReadModelStore again = ReadModelStore.open(properties(null))) {
            assertThat(accounts(again).find(Filters.eq("_id", "acc-old")).first()).containsEntry("available", 1235L);
            assertThat(accounts(again).find(Filters.eq("_id", "acc-new")).first()).containsEntry("available", 5L);
        }
    }

    @Test
    void documentsKeepTheirTypesAcrossAReopen() {
        Document original = new Document("_id", "acc-types").append("cents", 12L).append("count", 3).append("ratio", 0.5)
                .append("when", java.util.Date.from(java.time.Instant.parse("2025-01-01T10:00:00Z")))
                .append("positions", new Document("ACME", new Document("quantity", 7L)))
                .append("tags", java.util.List.of("a", "b")).append("none", null);
        try (ReadModelStore store = ReadModelStore.open(properties(null))) {
            accounts(store).insertOne(original);
        }
        try (ReadModelStore reopened = ReadModelStore.open(properties(null))) {
            assertThat(accounts(reopened).find(Filters.eq("_id", "acc-types")).first()).isEqualTo(original);
        }
    }
}
