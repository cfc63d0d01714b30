package io.tandem.infra.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.tandem.infra.config.TandemProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;

import javax.crypto.SecretKey;
import java.time.Clock;

/**
 * Stateless bearer-token security (OAuth2 resource server, HS256 with a local key). Who may call
 * what is decided here by route and role; whether a trader owns the account is decided by the
 * command side, which knows the accounts.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

    static final String[] PUBLIC_ROUTES = {
            "/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
            "/graphiql/**", "/error"
    };
    static final String PAYMENT_WEBHOOKS = "/api/v1/payments/webhooks/*";

    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http, TandemProperties properties,
                                           JwtAuthenticationConverter tokenConverter,
                                           ObjectMapper objectMapper, Environment environment) throws Exception {
        ProblemResponses problems = new ProblemResponses(objectMapper);
        boolean devTokens = properties.security().devTokensEnabled();
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(routes -> {
                    routes.requestMatchers(PUBLIC_ROUTES).permitAll();
                    // Providers authenticate webhooks by HMAC signature (checked by the endpoint), not by token.
                    routes.requestMatchers(HttpMethod.POST, PAYMENT_WEBHOOKS).permitAll();
                    // Browsers cannot send a bearer header on a WebSocket upgrade: the token comes in
                    // connection_init and GraphQlWebSocketSecurity checks it before any operation runs.
                    String webSocketPath = environment.getProperty("spring.graphql.websocket.path");
                    if (webSocketPath != null && !webSocketPath.isBlank()) {
                        routes.requestMatchers(webSocketUpgrade(webSocketPath)).permitAll();
                    }
                    if (devTokens) {
                        routes.requestMatchers(HttpMethod.POST, DevTokenController.PATH).permitAll();
                    }
                    routes.requestMatchers("/api/v1/admin/**").hasRole(Role.ADMIN.name())
                            .requestMatchers(HttpMethod.POST, "/api/v1/instruments").hasRole(Role.ADMIN.name())
                            .requestMatchers(HttpMethod.POST, "/api/v1/orders").hasRole(Role.TRADER.name())
                            .requestMatchers("/api/v1/orders/**", "/api/v1/accounts/**")
                            .hasAnyRole(Role.TRADER.name(), Role.ADMIN.name())
                            // Copies as orders: a trader starts one; the copier or an admin manages it
                            // (copy entry decides whose copy it is).
                            .requestMatchers(HttpMethod.POST, "/api/v1/copies").hasRole(Role.TRADER.name())
                            .requestMatchers("/api/v1/copies/**")
                            .hasAnyRole(Role.TRADER.name(), Role.ADMIN.name())
                            .anyRequest().authenticated();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(tokenConverter))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }

    /** A WebSocket upgrade (GET with {@code Upgrade: websocket}) of exactly {@code path}; nothing else there is opened. */
    static RequestMatcher webSocketUpgrade(String path) {
        return request -> HttpMethod.GET.matches(request.getMethod())
                && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"))
                && path.equals(request.getRequestURI().substring(request.getContextPath().length()));
    }

    /** {@code roles} claim to {@code ROLE_*} authorities; the {@code sub} claim becomes the principal name. */
    @Bean
    public JwtAuthenticationConverter jwtAuthenticationConverter() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(TokenIssuer.ROLES_CLAIM);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        converter.setPrincipalClaimName("sub");
        return converter;
    }

    @Bean
    public SecretKey tokenSigningKey(TandemProperties properties) {
        return SigningKeys.resolve(properties);
    }

    @Bean
    public JwtDecoder jwtDecoder(SecretKey tokenSigningKey, TandemProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(tokenSigningKey).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.security().issuer()), new SubjectValidator()));
        return decoder;
    }

    @Bean
    public JwtEncoder jwtEncoder(SecretKey tokenSigningKey) {
        return new NimbusJwtEncoder(new ImmutableSecret<>(tokenSigningKey));
    }

    @Bean
    public TokenIssuer tokenIssuer(JwtEncoder jwtEncoder, Clock clock, TandemProperties properties) {
        return new TokenIssuer(jwtEncoder, clock, properties.security());
    }
}
