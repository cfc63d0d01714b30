package io.tandem.command.orderbook;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Order-book settings ({@code tandem.orderbook.*}).
 *
 * @param snapshotThreshold events after which a book is snapshotted, so that loading a hot book
 *                          replays at most this many events
 */
@ConfigurationProperties(prefix = "tandem.orderbook")
public record OrderBookProperties(@DefaultValue("250") int snapshotThreshold) {

    public OrderBookProperties {
        if (snapshotThreshold <= 0) {
            throw new IllegalArgumentException("tandem.orderbook.snapshot-threshold must be positive");
        }
    }
}
