package io.tandem.distributed;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The external stores the distributed profile expects, started inside the test JVM so that the
 * production event-store path runs against a real server:
 * <ul>
 *   <li>a real PostgreSQL 17 server (zonky's embedded binaries, a separate {@code postgres} process on
 *       a free loopback port), with a {@code tandem} role owning a {@code tandem} database, as a
 *       deployment would provision them; the application connects as that role, not as a superuser;</li>
 *   <li>a MongoDB-compatible read-model server: mongo-java-server with its memory backend on
 *       127.0.0.1. No real MongoDB server can be obtained on these machines (not in Debian or npm, and
 *       embedded downloaders need the internet), so this stands in for it; the application talks to it
 *       through the official driver and a connection string, exactly as it would to MongoDB.</li>
 * </ul>
 * Close it only after the application context that uses it.
 */
public final class DistributedStores implements AutoCloseable {

    public static final String DATABASE = "tandem";
    public static final String USER = "tandem";
    public static final String PASSWORD = "tandem-test-password";

    private final EmbeddedPostgres postgres;
    private final MongoServer mongo;
    private final Duration postgresStartup;

    private DistributedStores(EmbeddedPostgres postgres, MongoServer mongo, Duration postgresStartup) {
        this.postgres = postgres;
        this.mongo = mongo;
        this.postgresStartup = postgresStartup;
    }

    public static DistributedStores start() {
        long started = System.nanoTime();
        EmbeddedPostgres postgres = startPostgres();
        Duration startup = Duration.ofNanos(System.nanoTime() - started);
        try {
            provisionTandemDatabase(postgres);
            MongoServer mongo = new MongoServer(new MemoryBackend());
            mongo.bind("127.0.0.1", 0);
            return new DistributedStores(postgres, mongo, startup);
        } catch (RuntimeException e) {
            stop(postgres);
            throw e;
        }
    }

    private static EmbeddedPostgres startPostgres() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
        }
    }

    private static void provisionTandemDatabase(EmbeddedPostgres postgres) {
        JdbcTemplate admin = new JdbcTemplate(postgres.getPostgresDatabase());
        admin.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
        admin.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
    }

    /** The JDBC URL of the {@code tandem} database, as {@code TANDEM_DB_URL} would give it. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    /** The read-model server's connection string, as {@code TANDEM_MONGO_URI} would give it. */
    public String mongoUri() {
        return "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort();
    }

    /** A data source of its own on the {@code tandem} database, for looking at what the application wrote. */
    public DataSource inspector() {
        return postgres.getDatabase(USER, DATABASE);
    }

    /** How long the PostgreSQL server took to unpack (first time only), initialise and accept connections. */
    public Duration postgresStartup() {
        return postgresStartup;
    }

    @Override
    public void close() {
        try {
            mongo.shutdownNow();
        } finally {
            stop(postgres);
        }
    }

    private static void stop(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the embedded PostgreSQL server", e);
        }
    }
}
