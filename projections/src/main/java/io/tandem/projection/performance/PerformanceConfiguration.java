package io.tandem.projection.performance;

import com.mongodb.client.MongoDatabase;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The leaderboard ranker and its schedule ({@code tandem.leaderboard.refresh-interval}). */
@Configuration
@EnableConfigurationProperties(LeaderboardProperties.class)
public class PerformanceConfiguration {

    @Bean
    LeaderboardRanker leaderboardRanker(MongoDatabase database, Clock clock) {
        return new LeaderboardRanker(database, clock);
    }

    @Bean
    LeaderboardSchedule leaderboardSchedule(LeaderboardRanker ranker, LeaderboardProperties properties) {
        return new LeaderboardSchedule(ranker, properties);
    }
}
