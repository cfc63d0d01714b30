package io.tandem.infra.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

import java.time.Clock;

/**
 * GraphQL subscriptions over WebSocket at {@code spring.graphql.websocket.path}: the one
 * {@code WebSocketGraphQlInterceptor} Spring GraphQL allows, which authenticates the connection and
 * bounds its subscriptions.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SubscriptionLimitsProperties.class)
public class GraphQlWebSocketConfiguration {

    @Bean
    public GraphQlWebSocketSecurity graphQlWebSocketSecurity(JwtDecoder jwtDecoder, JwtAuthenticationConverter jwtAuthenticationConverter,
                                                             Clock clock, SubscriptionLimitsProperties limits) {
        return new GraphQlWebSocketSecurity(jwtDecoder, jwtAuthenticationConverter, clock, limits);
    }
}
