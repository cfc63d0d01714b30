package io.tandem.infra.config;

import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.util.List;

/**
 * Saga deadlines (payment status checks, retries, timeouts) must survive a restart, so they live in
 * the application's database instead of in memory ({@code SimpleDeadlineManager} would silently drop
 * every pending timeout on a restart).
 * <p>
 * db-scheduler's Spring Boot starter builds its {@code Scheduler} on the application datasource,
 * wrapped so that it joins the current Spring transaction; Axon's {@code AxonDbSchedulerAutoConfiguration}
 * then publishes a {@code DbSchedulerDeadlineManager} as the one {@code DeadlineManager} bean, which
 * the Axon configuration and every saga receive. A deadline is therefore written in the same
 * transaction as the saga state that scheduled it, and any node sharing the database may fire it.
 * <p>
 * What is left to do here is db-scheduler's table: {@code db/scheduler/schema-<platform>.sql}
 * ({@code h2} embedded, {@code postgresql} distributed) is run on every start and creates it when
 * missing. The scheduler bean waits for this initializer (it depends on database initialization).
 */
@Configuration(proxyBeanMethods = false)
public class DeadlineConfiguration {

    static final String SCHEMA_LOCATION = "classpath:db/scheduler/schema-@@platform@@.sql";

    @Bean
    public DataSourceScriptDatabaseInitializer deadlineTableInitializer(DataSource dataSource) {
        List<String> locations = new PlatformPlaceholderDatabaseDriverResolver().resolveAll(dataSource, SCHEMA_LOCATION);
        DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
        settings.setSchemaLocations(locations);
        settings.setMode(DatabaseInitializationMode.ALWAYS);
        settings.setContinueOnError(false);
        return new DataSourceScriptDatabaseInitializer(dataSource, settings);
    }
}
