package io.tandem.infra.durability;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for the embedded H2 event store. H2's MVStore commits a transaction in memory and
 * writes it to its file later (every {@code WRITE_DELAY} ms); with {@code WRITE_DELAY=0} every commit
 * writes the store itself, while the committing request still holds its order book's lock, and that
 * write was the largest single cost of an order. Here commits stay in memory, and whoever must not
 * go on before its commit is on disk (an HTTP answer, a read-model write) waits on
 * {@link #awaitDurable()}: one writer thread writes the store for everyone waiting, so one write
 * covers all the transactions committed since the previous one, and no lock is held meanwhile.
 * <p>
 * A wait is satisfied only by a write that started after the wait began, so it covers every
 * transaction committed before the call. H2's own background writer may have taken those changes
 * already and still be writing them on its threads, so each write also waits for H2's write queues
 * to drain. The write goes to the operating system (it survives the process being killed), not
 * through {@code fsync} unless {@code sync} is set.
 */
public final class H2GroupCommit implements DurabilityGate, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(H2GroupCommit.class);

    private final Connection connection;
    private final SessionLocal session;
    private final boolean sync;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition requested = lock.newCondition();
    private final Condition written = lock.newCondition();
    private final Thread writer;
    private long wanted;
    private long started;
    private long completed;
    private long failedUpTo;
    private boolean closed;

    private H2GroupCommit(Connection connection, SessionLocal session, boolean sync) {
        this.connection = connection;
        this.session = session;
        this.sync = sync;
        this.writer = new Thread(this::writeLoop, "h2-group-commit");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * The group commit of the H2 database behind {@code dataSource}. It keeps one connection for
     * itself, so the database stays open (and its store the same) for as long as it runs.
     */
    static H2GroupCommit of(DataSource dataSource, boolean sync) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
            return new H2GroupCommit(connection, session, sync);
        } catch (SQLException | ClassCastException e) {
            closeQuietly(connection);
            throw new IllegalStateException("the event store is not an embedded H2 database", e);
        }
    }

    @Override
    public void awaitDurable() {
        lock.lock();
        try {
            long target = started + 1;
            if (wanted < target) {
                wanted = target;
                requested.signal();
            }
            while (completed < target) {
                if (closed) {
                    throw new IllegalStateException("the event store is closing; the commit may not be on disk");
                }
                written.awaitUninterruptibly();
            }
            if (failedUpTo >= target) {
                throw new IllegalStateException("the event store could not write its file; the commit may not be on disk");
            }
        } finally {
            lock.unlock();
        }
    }

    private void writeLoop() {
        while (true) {
            long generation;
            lock.lock();
            try {
                while (wanted <= started && !closed) {
                    requested.awaitUninterruptibly();
                }
                if (closed) {
                    return;
                }
                generation = ++started;
            } finally {
                lock.unlock();
            }
            boolean ok = write();
            lock.lock();
            try {
                completed = generation;
                if (!ok) {
                    failedUpTo = generation;
                }
                written.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private boolean write() {
        try {
            MVStore store = session.getDatabase().getStore().getMvStore();
            if (store.isClosed()) {
                log.error("The event store is closed; commits cannot be written");
                return false;
            }
            store.commit();
            store.executeFilestoreOperation(() -> {
            });
            if (sync) {
                store.sync();
            }
            return true;
        } catch (Throwable e) {
            log.error("Writing the event store's file failed", e);
            return false;
        }
    }

    /** Writes once more for whoever still waits, then lets every later wait fail. */
    @Override
    public void close() {
        try {
            awaitDurable();
        } catch (IllegalStateException e) {
            log.warn("The last group write before closing failed", e);
        }
        lock.lock();
        try {
            closed = true;
            requested.signalAll();
            written.signalAll();
        } finally {
            lock.unlock();
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("Closing the group commit's connection failed", e);
        }
    }
}
