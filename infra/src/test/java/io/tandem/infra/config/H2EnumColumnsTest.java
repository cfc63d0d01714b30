package io.tandem.infra.config;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class H2EnumColumnsTest {

    @TempDir
    Path dir;

    @Test
    void nativeEnumColumnsBecomeTextColumnsHoldingTheSameNames() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_DELAY=-1");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("create table order_entry (order_id varchar(64) primary key, side enum ('BUY','SELL'))");
        jdbc.update("insert into order_entry values ('o1', 'SELL'), ('o2', 'BUY')");

        H2EnumColumns.convert(dataSource);
        H2EnumColumns.convert(dataSource);

        assertThat(jdbc.queryForObject("select data_type from information_schema.columns where column_name = 'SIDE'", String.class))
                .isEqualTo("CHARACTER VARYING");
        assertThat(jdbc.queryForList("select side from order_entry order by order_id", String.class)).containsExactly("SELL", "BUY");
        jdbc.execute("shutdown");
    }
}
