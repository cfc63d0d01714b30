package io.tandem.command.support;

import jakarta.persistence.EntityManagerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * The rebuild of the command side's lookup tables (every {@link LookupTable} bean). The
 * application runs {@link LookupTableRebuild#catchUp()} at startup, before it takes requests;
 * {@code tandem.lookup-tables.rebuild-batch-size} events are applied per transaction.
 */
@Configuration(proxyBeanMethods = false)
public class LookupTableConfiguration {

    @Bean
    public LookupTableRebuild lookupTableRebuild(List<LookupTable> tables, EntityManagerFactory entityManagerFactory,
                                                 PlatformTransactionManager transactionManager,
                                                 org.axonframework.config.Configuration axon,
                                                 @Value("${tandem.lookup-tables.rebuild-batch-size:1000}") int batchSize) {
        return new LookupTableRebuild(tables, SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory),
                new TransactionTemplate(transactionManager), axon.eventSerializer(), axon.upcasterChain(), batchSize);
    }
}
