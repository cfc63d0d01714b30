package io.tandem.infra.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many GraphQL subscriptions may be open at once over WebSocket (prefix
 * {@code tandem.subscriptions}). Each open subscription holds an Axon subscription query, a
 * buffer of updates and a slot in the emitter's filter loop, so they are bounded per connection
 * and per user (across all of the user's connections: several tabs or devices). A subscribe past
 * either limit is answered with a GraphQL error of code RATE_LIMITED; the connection and the other
 * subscriptions stay open.
 *
 * @param maxPerConnection open subscriptions on one WebSocket connection (the app needs two: feed and notifications)
 * @param maxPerUser       open subscriptions of one user over all their connections
 */
@ConfigurationProperties("tandem.subscriptions")
public record SubscriptionLimitsProperties(@DefaultValue("8") int maxPerConnection,
                                           @DefaultValue("32") int maxPerUser) {

    public SubscriptionLimitsProperties {
        if (maxPerConnection < 1) {
            throw new IllegalArgumentException("max-per-connection must be at least 1, was " + maxPerConnection);
        }
        if (maxPerUser < maxPerConnection) {
            throw new IllegalArgumentException("max-per-user must be at least max-per-connection, was " + maxPerUser);
        }
    }
}
