package io.tandem.infra.readmodel;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.tandem.infra.config.TandemProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Publishes the read-model {@link MongoDatabase} that projections inject. Declaring the
 * {@link MongoClient} bean here also keeps Spring Boot's Mongo auto-configuration from opening a
 * second client to localhost:27017.
 */
@Configuration(proxyBeanMethods = false)
public class ReadModelStoreConfiguration {

    @Bean(destroyMethod = "close")
    public ReadModelStore readModelStore(TandemProperties properties) {
        return ReadModelStore.open(properties);
    }

    /** Closed by {@link ReadModelStore#close()}, after this bean's dependents are gone. */
    @Bean(destroyMethod = "")
    public MongoClient mongoClient(ReadModelStore store) {
        return store.client();
    }

    @Bean
    public MongoDatabase mongoDatabase(MongoClient mongoClient, TandemProperties properties) {
        return mongoClient.getDatabase(properties.mongo().database());
    }
}
