package io.tandem.infra.audit.state;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.net.InetSocketAddress;

/**
 * A throw-away read-model database for one {@code state} call: mongo-java-server's memory backend on
 * a free loopback port and the official driver, the same stack the projections run on, so the
 * projectors and query handlers work unchanged. Closing drops everything.
 */
final class InMemoryReadModel implements AutoCloseable {

    private final MongoServer server;
    private final MongoClient client;
    private final MongoDatabase database;

    InMemoryReadModel() {
        server = new MongoServer(new MemoryBackend());
        try {
            server.bind("127.0.0.1", 0);
            InetSocketAddress address = server.getLocalAddress();
            client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
            database = client.getDatabase("audit-state");
        } catch (RuntimeException e) {
            server.shutdownNow();
            throw e;
        }
    }

    MongoDatabase database() {
        return database;
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
