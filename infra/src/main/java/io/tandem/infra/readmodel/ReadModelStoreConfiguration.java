package io.tandem.infra.readmodel;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.tandem.infra.config.TandemProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.time.Clock;
import java.time.Duration;

/**
 * Publishes the read-model {@link MongoDatabase} that projections inject, resolving collection names
 * through {@link ReadModelAliases} (side-by-side rebuilds). Declaring the
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

    /**
     * The side-by-side rebuild's switch: which physical collection serves each read model, read again
     * every {@code tandem.read-model.alias-poll} (2 s) so a switch made on another node reaches this one;
     * replaced collections are dropped {@code tandem.read-model.alias-drop-grace} (30 s, at least twice
     * the poll interval) after a switch.
     */
    @Bean(destroyMethod = "close")
    public ReadModelAliases readModelAliases(MongoClient mongoClient, TandemProperties properties, Environment environment) {
        Duration poll = environment.getProperty("tandem.read-model.alias-poll", Duration.class, ReadModelAliases.DEFAULT_POLL);
        Duration grace = environment.getProperty("tandem.read-model.alias-drop-grace", Duration.class,
                ReadModelAliases.DEFAULT_GRACE);
        if (grace.compareTo(poll.multipliedBy(2)) < 0) {
            grace = poll.multipliedBy(2);
        }
        return new ReadModelAliases(mongoClient.getDatabase(properties.mongo().database()), Clock.systemUTC(), grace)
                .startPolling(poll);
    }

    /** Resolves every collection through {@link ReadModelAliases} on each call, so a switch reaches every projector and query. */
    @Bean
    public MongoDatabase mongoDatabase(MongoClient mongoClient, TandemProperties properties, ReadModelAliases aliases) {
        return AliasedMongoDatabase.of(mongoClient.getDatabase(properties.mongo().database()), aliases);
    }
}
