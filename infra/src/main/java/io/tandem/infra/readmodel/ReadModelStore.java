package io.tandem.infra.readmodel;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import io.tandem.infra.config.TandemProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The connection to the read-model database: a real MongoDB when {@code tandem.mongo.uri} is set,
 * otherwise an in-process mongo-java-server with an H2 file under the data directory, bound to
 * loopback on a free port. Projections see the official driver either way, so the same code runs
 * against both. Closing closes the client first and then the embedded server (which closes its file).
 */
public final class ReadModelStore implements AutoCloseable {

    static final String EMBEDDED_FILE = "read-models.mv.db";
    private static final Logger log = LoggerFactory.getLogger(ReadModelStore.class);

    private final MongoServer embeddedServer;
    private final MongoClient client;

    private ReadModelStore(MongoServer embeddedServer, MongoClient client) {
        this.embeddedServer = embeddedServer;
        this.client = client;
    }

    public static ReadModelStore open(TandemProperties properties) {
        TandemProperties.Mongo mongo = properties.mongo();
        if (!mongo.embedded()) {
            log.info("Read models in external MongoDB, database '{}'", mongo.database());
            return new ReadModelStore(null, connect(mongo.uri()));
        }
        Path file = properties.ensureDataDir().resolve(EMBEDDED_FILE);
        MongoServer server = new MongoServer(new CommittingH2Backend(file.toString()));
        try {
            server.bind("127.0.0.1", 0);
            InetSocketAddress address = server.getLocalAddress();
            log.info("Read models in embedded MongoDB-compatible server on 127.0.0.1:{}, file {}", address.getPort(), file);
            return new ReadModelStore(server, connect("mongodb://127.0.0.1:" + address.getPort()));
        } catch (RuntimeException e) {
            server.shutdownNow();
            throw e;
        }
    }

    private static MongoClient connect(String uri) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applicationName("tandem")
                .build());
    }

    public MongoClient client() {
        return client;
    }

    public boolean embedded() {
        return embeddedServer != null;
    }

    @Override
    public void close() {
        client.close();
        if (embeddedServer != null) {
            embeddedServer.shutdownNow();
        }
    }
}
