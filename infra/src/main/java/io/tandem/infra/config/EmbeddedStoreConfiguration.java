package io.tandem.infra.config;

import io.tandem.command.support.LookupTableRebuild;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Repairs of the store, run once every bean exists and before the web server and the event
 * processors start: H2 columns created by an earlier version, the global-index sequence of an event
 * table restored on its own ({@link GlobalIndexSequence}), and the command side's lookup tables where
 * they are behind the event log ({@link LookupTableRebuild}), in that order.
 */
@Configuration(proxyBeanMethods = false)
public class EmbeddedStoreConfiguration {

    @Bean
    public SmartInitializingSingleton embeddedStoreRepairs(DataSource dataSource,
                                                           ObjectProvider<LookupTableRebuild> lookupTables) {
        return () -> {
            boolean h2 = jdbcUrl(dataSource).startsWith("jdbc:h2:");
            if (h2) {
                H2EnumColumns.convert(dataSource);
            }
            GlobalIndexSequence.repair(dataSource, h2);
            lookupTables.ifAvailable(LookupTableRebuild::catchUp);
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
