package io.tandem.projection.support;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.BsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Base for read-model tests: one real MongoDB wire-protocol server (mongo-java-server) per test
 * class, bound to loopback on a free port and reached with the official driver; every test gets
 * an empty database. The memory backend is the default; a subclass may pick another backend, e.g.
 * the H2 one that the embedded profile runs on. The commands the driver sends are recorded, so a
 * test can count round trips.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MongoReadModelTest {

    private MongoServer server;
    private MongoClient client;
    private final List<Command> commands = new CopyOnWriteArrayList<>();

    protected MongoDatabase database;

    protected MongoBackend backend() {
        return new MemoryBackend();
    }

    @BeforeAll
    void startServer() {
        server = new MongoServer(backend());
        server.bind("127.0.0.1", 0);
        CommandListener recorder = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                // the command document is only valid during the callback
                String name = event.getCommandName();
                BsonValue target = event.getCommand().get(name);
                commands.add(new Command(event.getDatabaseName(), name, target != null && target.isString()
                        ? target.asString().getValue() : null));
            }
        };
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.getConnectionString()))
                .addCommandListener(recorder)
                .build());
    }

    @AfterAll
    void stopServer() {
        client.close();
        server.shutdownNow();
    }

    @BeforeEach
    void emptyDatabase() {
        database = emptyDatabase("tandem-test");
        commands.clear();
    }

    /** Another database on the same server, emptied. */
    protected MongoDatabase emptyDatabase(String name) {
        MongoDatabase other = client.getDatabase(name);
        other.drop();
        return other;
    }

    /** Forgets the commands sent so far. */
    protected void clearCommands() {
        commands.clear();
    }

    /**
     * How many commands named {@code name} ({@code update}, {@code insert}, {@code delete},
     * {@code find}) were sent for {@code collection} of {@code database} since the last clear.
     */
    protected long commands(String name, MongoDatabase database, String collection) {
        return commands.stream()
                .filter(c -> c.name().equals(name) && c.database().equals(database.getName()) && collection.equals(c.collection()))
                .count();
    }

    private record Command(String database, String name, String collection) {
    }
}
