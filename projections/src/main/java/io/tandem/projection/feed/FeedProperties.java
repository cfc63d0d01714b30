package io.tandem.projection.feed;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code tandem.feed.*}: how deep a home timeline goes ({@code max-items}, default 800: reads never
 * go beyond the newest that many, and storage is trimmed back to it once a timeline may hold a quarter
 * more) and how often the timelines that may have grown past that are trimmed ({@code trim-interval},
 * default 10 s).
 */
@ConfigurationProperties(prefix = "tandem.feed")
public record FeedProperties(Integer maxItems, Duration trimInterval) {

    public static final int DEFAULT_MAX_ITEMS = 800;
    /** How many of an author's latest posts a new follow brings into the follower's timeline. */
    public static final int BACKFILL = 40;

    public FeedProperties {
        if (maxItems == null) {
            maxItems = DEFAULT_MAX_ITEMS;
        }
        if (trimInterval == null) {
            trimInterval = Duration.ofSeconds(10);
        }
        if (maxItems < 1) {
            throw new IllegalArgumentException("tandem.feed.max-items must be at least 1");
        }
    }

    public static FeedProperties defaults() {
        return new FeedProperties(null, null);
    }
}
