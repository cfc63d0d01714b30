package io.tandem.projection.support;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Base for read-model tests: one real MongoDB wire-protocol server (mongo-java-server) per test
 * class, bound to loopback on a free port and reached with the official driver; every test gets
 * an empty database. The memory backend is the default; a subclass may pick another backend, e.g.
 * the H2 one that the embedded profile runs on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MongoReadModelTest {

    private MongoServer server;
    private MongoClient client;

    protected MongoDatabase database;

    protected MongoBackend backend() {
        return new MemoryBackend();
    }

    @BeforeAll
    void startServer() {
        server = new MongoServer(backend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create(server.getConnectionString());
    }

    @AfterAll
    void stopServer() {
        client.close();
        server.shutdownNow();
    }

    @BeforeEach
    void emptyDatabase() {
        database = client.getDatabase("tandem-test");
        database.drop();
    }
}
