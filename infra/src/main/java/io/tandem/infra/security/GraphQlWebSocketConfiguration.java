package io.tandem.infra.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

import java.time.Clock;

/**
 * GraphQL subscriptions: over WebSocket at {@code spring.graphql.websocket.path}, the one
 * {@code WebSocketGraphQlInterceptor} Spring GraphQL allows, which authenticates the connection and
 * bounds its subscriptions; over HTTP, the guard that serves them only as Server-Sent Events. Both
 * count against one per-user limit.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SubscriptionLimitsProperties.class)
public class GraphQlWebSocketConfiguration {

    private final SubscriptionQuota perUser;

    public GraphQlWebSocketConfiguration(SubscriptionLimitsProperties limits) {
        this.perUser = new SubscriptionQuota(limits.maxPerUser());
    }

    @Bean
    public GraphQlWebSocketSecurity graphQlWebSocketSecurity(JwtDecoder jwtDecoder, JwtAuthenticationConverter jwtAuthenticationConverter,
                                                             Clock clock, SubscriptionLimitsProperties limits) {
        return new GraphQlWebSocketSecurity(jwtDecoder, jwtAuthenticationConverter, clock, limits, perUser);
    }

    @Bean
    public WebGraphQlInterceptor httpSubscriptionGuard(Clock clock) {
        return new HttpSubscriptionGuard(clock, perUser);
    }
}
