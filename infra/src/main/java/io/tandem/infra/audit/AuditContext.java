package io.tandem.infra.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.infra.config.PlatformConfiguration;
import io.tandem.infra.readmodel.ReadModelStoreConfiguration;
import io.tandem.infra.upcasting.EventUpcasters;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.data.web.config.SpringDataJacksonConfiguration;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;

/**
 * The command line's Spring context: the server's stores, opened from the server's configuration
 * files and profiles, and nothing that acts. It is the primary source of a {@code SpringApplication}
 * started by {@link AuditCommandLine}; it carries no stereotype, so that the server's component scan
 * (everything under {@code io.tandem}) never picks it up, and no {@code @SpringBootConfiguration}, so
 * that tests looking for the application's configuration still find {@code TandemApplication}.
 * <p>
 * Only the auto-configurations listed here run: properties, Jackson (the same {@link ObjectMapper}
 * the server's event serializer uses: Spring Boot's, with the same modules, Spring Data's Jackson
 * modules included as the server's web configuration adds them), the data source and a JDBC
 * transaction manager. Axon's
 * auto-configuration, the web server, JPA, event processors, sagas, db-scheduler and the command and
 * query buses are absent, so nothing here can send a command, handle an event or push an update.
 * <p>
 * The Axon beans have the server's types and names: an {@link EmbeddedEventStore} over a
 * {@link JdbcEventStorageEngine} reading the tables the server's JPA engine writes (the JPA entity
 * names in snake case, see {@link #EVENT_SCHEMA}), a {@link JdbcTokenStore} on {@code token_entry},
 * and the {@code eventSerializer} built exactly as Axon's auto-configuration builds a Jackson
 * serializer ({@code JacksonSerializer} with the annotation revision resolver, a chaining converter
 * and the context's {@code ObjectMapper}), with the upcaster chain of every {@link EventUpcaster}
 * bean ({@link EventUpcasters}). Every audit service under {@code io.tandem.infra.audit} is scanned in.
 */
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, JacksonAutoConfiguration.class,
        DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        TransactionAutoConfiguration.class})
@Import({PlatformConfiguration.class, ReadModelStoreConfiguration.class, EventUpcasters.class,
        SpringDataJacksonConfiguration.class})
@ComponentScan("io.tandem.infra.audit")
public class AuditContext {

    /** The columns of Axon's JPA event entries as Hibernate names them (Spring's snake-case naming strategy). */
    static final EventSchema EVENT_SCHEMA = EventSchema.builder()
            .eventTable("domain_event_entry")
            .snapshotTable("snapshot_event_entry")
            .globalIndexColumn("global_index")
            .eventIdentifierColumn("event_identifier")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .typeColumn("type")
            .timestampColumn("time_stamp")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .build();

    /** The token table as Hibernate names Axon's JPA token entries; the server's and this context's token stores share it. */
    public static final TokenSchema TOKEN_SCHEMA = TokenSchema.builder()
            .setTokenTable("token_entry")
            .setProcessorNameColumn("processor_name")
            .setSegmentColumn("segment")
            .setTokenColumn("token")
            .setTokenTypeColumn("token_type")
            .setTimestampColumn("timestamp")
            .setOwnerColumn("owner")
            .build();

    @Bean
    public TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(ObjectMapper objectMapper) {
        return JacksonSerializer.builder()
                .revisionResolver(new AnnotationRevisionResolver())
                .converter(new ChainingConverter(AuditContext.class.getClassLoader()))
                .objectMapper(objectMapper)
                .build();
    }

    @Bean
    public JdbcEventStorageEngine eventStorageEngine(DataSource dataSource, TransactionManager axonTransactionManager,
                                                     @Qualifier("eventSerializer") Serializer eventSerializer,
                                                     ObjectProvider<EventUpcaster> upcasters) {
        PersistenceExceptionResolver errors = new JdbcSQLErrorCodesResolver();
        return JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(axonTransactionManager)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(eventSerializer)
                .upcasterChain(upcasterChain(upcasters))
                .persistenceExceptionResolver(errors)
                .schema(EVENT_SCHEMA)
                .dataType(byte[].class)
                .build();
    }

    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    public EmbeddedEventStore eventStore(JdbcEventStorageEngine eventStorageEngine) {
        return EmbeddedEventStore.builder().storageEngine(eventStorageEngine).build();
    }

    /** Every upcaster bean, in their order (a chain is an upcaster itself, so none is declared as a bean). */
    public static EventUpcasterChain upcasterChain(ObjectProvider<EventUpcaster> upcasters) {
        return new EventUpcasterChain(upcasters.orderedStream()
                .filter(upcaster -> !(upcaster instanceof EventUpcasterChain)).toList());
    }

    /** The token store, with the event serializer (the server's general serializer is configured the same way). */
    @Bean
    public TokenStore tokenStore(DataSource dataSource, @Qualifier("eventSerializer") Serializer eventSerializer) {
        return JdbcTokenStore.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .serializer(eventSerializer)
                .schema(TOKEN_SCHEMA)
                .contentType(byte[].class)
                .build();
    }
}
