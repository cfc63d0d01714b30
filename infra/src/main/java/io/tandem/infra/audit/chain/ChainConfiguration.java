package io.tandem.infra.audit.chain;

import io.tandem.infra.config.TandemProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;

/**
 * The event chain's beans. The writer and the verification need only the event store's {@link DataSource},
 * its transaction manager and the properties, so the command line's context can import this class as it is;
 * it sets {@code tandem.audit.chain.background=false}, which leaves out the server's background chainer.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChainProperties.class)
public class ChainConfiguration {

    @Bean
    public ChainWriter chainWriter(DataSource dataSource, PlatformTransactionManager transactionManager,
                                   ChainProperties properties, TandemProperties tandem) {
        return new ChainWriter(dataSource, transactionManager, properties, tandem);
    }

    @Bean
    public ChainVerification chainVerification(DataSource dataSource, ChainProperties properties, TandemProperties tandem) {
        return new ChainVerification(dataSource, properties, tandem);
    }

    @Bean
    @ConditionalOnProperty(prefix = "tandem.audit.chain", name = "background", havingValue = "true", matchIfMissing = true)
    ChainBackground chainBackground(ChainWriter writer, ChainProperties properties) {
        return new ChainBackground(writer, properties);
    }
}
