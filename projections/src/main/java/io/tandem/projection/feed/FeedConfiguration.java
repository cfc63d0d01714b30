package io.tandem.projection.feed;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(FeedProperties.class)
public class FeedConfiguration {

    /** Every author's posts are pushed into their followers' timelines until a pull path exists (see {@link FanOutPolicy}). */
    @Bean
    FanOutPolicy fanOutPolicy() {
        return FanOutPolicy.ALWAYS_PUSH;
    }
}
