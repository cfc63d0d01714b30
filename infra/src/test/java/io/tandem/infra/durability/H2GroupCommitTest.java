package io.tandem.infra.durability;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a process killed right after {@link H2GroupCommit#awaitDurable()} leaves on disk: a copy of
 * the database file taken at that moment (what a restart after kill -9 would open) holds every
 * transaction committed before the call. H2 itself is told to wait a minute before writing, so
 * without the group commit the same copy misses them.
 */
class H2GroupCommitTest {

    @TempDir
    Path dir;

    private static JdbcDataSource dataSource(Path file) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + file + ";WRITE_DELAY=60000;DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    private long rowsInACopyOfTheFile(String name) throws Exception {
        Path copy = dir.resolve(name);
        Files.copy(dir.resolve("db.mv.db"), dir.resolve(name + ".mv.db"));
        JdbcTemplate reopened = new JdbcTemplate(dataSource(copy));
        try {
            return reopened.queryForObject("select count(*) from orders", Long.class);
        } finally {
            reopened.execute("shutdown");
        }
    }

    private JdbcTemplate jdbc;
    private H2GroupCommit groupCommit;

    @BeforeEach
    void openDatabase() {
        JdbcDataSource dataSource = dataSource(dir.resolve("db"));
        jdbc = new JdbcTemplate(dataSource);
        groupCommit = H2GroupCommit.of(dataSource, false);
        jdbc.execute("create table orders (id int primary key)");
    }

    @AfterEach
    void closeDatabase() {
        groupCommit.close();
        jdbc.execute("shutdown");
    }

    @Test
    void everyTransactionCommittedBeforeTheWaitIsInTheFileAfterIt() throws Exception {
        groupCommit.awaitDurable();
        jdbc.update("insert into orders values (1), (2)");
        long beforeTheWait = rowsInACopyOfTheFile("before");

        groupCommit.awaitDurable();

        assertThat(beforeTheWait).as("control: H2 has not written the commit by itself").isZero();
        assertThat(rowsInACopyOfTheFile("after")).isEqualTo(2);
    }

    @Test
    void concurrentWaitersAreAllCovered() throws Exception {
        Thread[] writers = new Thread[8];
        for (int i = 0; i < writers.length; i++) {
            int id = i;
            writers[i] = new Thread(() -> {
                jdbc.update("insert into orders values (?)", id);
                groupCommit.awaitDurable();
            });
            writers[i].start();
        }
        for (Thread writer : writers) {
            writer.join(30_000);
        }

        assertThat(rowsInACopyOfTheFile("after")).isEqualTo(writers.length);
    }
}
