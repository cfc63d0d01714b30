package io.tandem.infra.config;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One-time repairs of an embedded H2 store created by an earlier version, run once every bean
 * exists and before the web server and the event processors start.
 */
@Configuration(proxyBeanMethods = false)
public class EmbeddedStoreConfiguration {

    @Bean
    public SmartInitializingSingleton embeddedStoreRepairs(DataSource dataSource) {
        return () -> {
            if (jdbcUrl(dataSource).startsWith("jdbc:h2:")) {
                H2EnumColumns.convert(dataSource);
            }
        };
    }

    /** The JDBC URL of the event store's database, as its driver reports it. */
    public static String jdbcUrl(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getURL();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the event store's connection metadata", e);
        }
    }
}
