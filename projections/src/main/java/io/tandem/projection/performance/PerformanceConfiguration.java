package io.tandem.projection.performance;

import com.mongodb.client.MongoDatabase;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The leaderboard ranker and its schedule ({@code tandem.leaderboard.*}), ranking only while the
 * {@code performance} processor is current here, and a start-up check that the {@code performance}
 * group runs in one segment (a transfer is valued at the last price seen before it, which only one
 * segment, seeing every event in order, makes the same on every replay).
 */
@Configuration
@EnableConfigurationProperties(LeaderboardProperties.class)
public class PerformanceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PerformanceConfiguration.class);

    static final String SEGMENTS_PROPERTY = "axon.eventhandling.processors." + PerformanceProjector.PROCESSING_GROUP
            + ".initial-segment-count";

    @Bean
    LeaderboardRanker leaderboardRanker(MongoDatabase database, Clock clock, LeaderboardProperties properties,
                                        ObjectProvider<EventProcessingConfiguration> processing) {
        String holder = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        return new LeaderboardRanker(database, clock, () -> caughtUp(processing.getIfAvailable()), holder, properties.lease());
    }

    @Bean
    LeaderboardSchedule leaderboardSchedule(LeaderboardRanker ranker, LeaderboardProperties properties) {
        return new LeaderboardSchedule(ranker, properties);
    }

    /** Refuses to start when the performance group is configured, or stored, with more than one segment. */
    @Bean
    SmartInitializingSingleton performanceRunsInOneSegment(Environment environment, ObjectProvider<TokenStore> tokenStores) {
        return () -> {
            Integer configured = environment.getProperty(SEGMENTS_PROPERTY, Integer.class);
            if (configured != null && configured != 1) {
                throw new IllegalStateException(SEGMENTS_PROPERTY + " is " + configured + ": the performance group must run in "
                        + "one segment (transfers are valued at the last price seen before them)");
            }
            TokenStore tokenStore = tokenStores.getIfAvailable();
            if (tokenStore != null) {
                int stored;
                try {
                    stored = tokenStore.fetchSegments(PerformanceProjector.PROCESSING_GROUP).length;
                } catch (RuntimeException e) {
                    log.warn("Could not read the performance group's segments from the token store; not checked", e);
                    return;
                }
                if (stored > 1) {
                    throw new IllegalStateException("The token store holds " + stored + " segments of the performance group: it "
                            + "must run in one segment; merge them (or reset the group) before starting");
                }
            }
        };
    }

    /**
     * Whether the performance processor runs here, has caught up with the stream in every segment it
     * holds and is not replaying. A subscribing processor is always current; without an Axon
     * configuration (plain tests) the model is taken as current.
     */
    static boolean caughtUp(EventProcessingConfiguration processing) {
        if (processing == null) {
            return true;
        }
        Optional<EventProcessor> processor = processing.eventProcessor(PerformanceProjector.PROCESSING_GROUP);
        if (processor.isEmpty()) {
            return false;
        }
        if (!(processor.get() instanceof StreamingEventProcessor streaming)) {
            return processor.get().isRunning();
        }
        if (!streaming.isRunning() || streaming.isError() || streaming.isReplaying()) {
            return false;
        }
        Map<Integer, EventTrackerStatus> status = streaming.processingStatus();
        if (status.isEmpty()) {
            return false;
        }
        for (EventTrackerStatus segment : status.values()) {
            if (!segment.isCaughtUp() || segment.isReplaying() || segment.isErrorState()) {
                return false;
            }
        }
        return true;
    }
}
