package io.tandem.infra.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;

/**
 * Converts H2 native {@code ENUM} columns that an earlier version created for enums stored by
 * name into {@code character varying} columns holding the same names (see {@link TandemH2Dialect}
 * for why). Idempotent: a database without such columns is left alone.
 */
public final class H2EnumColumns {

    private static final Logger log = LoggerFactory.getLogger(H2EnumColumns.class);

    private H2EnumColumns() {
    }

    public static void convert(DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        List<Map<String, Object>> columns = jdbc.queryForList("""
                select table_schema, table_name, column_name from information_schema.columns
                where data_type = 'ENUM' and table_schema = 'PUBLIC'""");
        for (Map<String, Object> column : columns) {
            String table = (String) column.get("TABLE_NAME");
            String name = (String) column.get("COLUMN_NAME");
            log.info("Converting H2 ENUM column {}.{} to character varying", table, name);
            jdbc.execute("alter table \"" + table + "\" alter column \"" + name + "\" set data type character varying(32)");
        }
    }
}
