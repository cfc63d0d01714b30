package io.tandem.infra.security;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import io.tandem.contracts.common.ErrorCode;
import org.reactivestreams.Publisher;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Authenticates GraphQL over WebSocket ({@code graphql-transport-ws}) with the same JWT as the
 * HTTP API. Browsers cannot put a bearer header on a WebSocket upgrade, so the upgrade itself is
 * open ({@link SecurityConfiguration}) and the token comes in the {@code connection_init} payload
 * as {@code {"Authorization": "Bearer <token>"}}. A missing, malformed, expired or badly signed
 * token fails the initialisation, which Spring GraphQL answers by closing the connection with
 * 4401 Unauthorized; a {@code subscribe} before a successful initialisation is closed with 4401
 * too, so no operation ever runs unauthenticated.
 * <p>
 * The authentication is kept in the session's attributes and written into the Reactor context of
 * every operation under the key of Spring Security's thread-local accessor, so resolvers receive
 * it as an {@code Authentication} argument exactly as over HTTP. Each subscription ends (complete)
 * when the token expires: a client reconnects with a fresh token rather than streaming forever on
 * an old one. Open subscriptions are bounded per connection and per user
 * ({@link SubscriptionLimitsProperties}); a subscribe past a limit gets a RATE_LIMITED error.
 * The GraphQL request limits (depth, fields, cost, tokens) are instrumentations of the one
 * GraphQL engine, so they apply to documents sent over WebSocket as well.
 */
public class GraphQlWebSocketSecurity implements WebSocketGraphQlInterceptor {

    static final String AUTHORIZATION = "Authorization";
    private static final String SECURITY_CONTEXT = GraphQlWebSocketSecurity.class.getName() + ".SECURITY_CONTEXT";
    /** The key of Spring Security's {@code SecurityContextHolderThreadLocalAccessor}. */
    private static final String SECURITY_CONTEXT_KEY = SecurityContext.class.getName();
    private static final String BEARER = "bearer ";

    private final JwtDecoder jwtDecoder;
    private final JwtAuthenticationConverter tokenConverter;
    private final Clock clock;
    private final SubscriptionQuota perConnection;
    private final SubscriptionQuota perUser;

    GraphQlWebSocketSecurity(JwtDecoder jwtDecoder, JwtAuthenticationConverter tokenConverter, Clock clock,
                             SubscriptionLimitsProperties limits, SubscriptionQuota perUser) {
        this.jwtDecoder = jwtDecoder;
        this.tokenConverter = tokenConverter;
        this.clock = clock;
        this.perConnection = new SubscriptionQuota(limits.maxPerConnection());
        this.perUser = perUser;
    }

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo sessionInfo, Map<String, Object> payload) {
        return Mono.fromCallable(() -> authenticate(payload))
                .doOnNext(context -> sessionInfo.getAttributes().put(SECURITY_CONTEXT, context))
                .then(Mono.empty());
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (!(request instanceof WebSocketGraphQlRequest webSocketRequest)) {
            return chain.next(request);
        }
        WebSocketSessionInfo session = webSocketRequest.getSessionInfo();
        if (!(session.getAttributes().get(SECURITY_CONTEXT) instanceof SecurityContext context)
                || !(context.getAuthentication() instanceof JwtAuthenticationToken authentication)) {
            return Mono.error(new BadCredentialsException("connection_init did not authenticate"));
        }
        Duration validFor = validFor(authentication.getToken(), clock);
        if (validFor.isNegative() || validFor.isZero()) {
            return refuse(request, ErrorCode.UNAUTHENTICATED, ErrorType.UNAUTHORIZED, "the token has expired: reconnect with a new one");
        }
        String connection = session.getId();
        String user = authentication.getName();
        if (!perConnection.tryAcquire(connection)) {
            return refuse(request, ErrorCode.RATE_LIMITED, ErrorType.BAD_REQUEST, "too many subscriptions on this connection");
        }
        if (!perUser.tryAcquire(user)) {
            perConnection.release(connection);
            return refuse(request, ErrorCode.RATE_LIMITED, ErrorType.BAD_REQUEST, "too many subscriptions of this user");
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                perConnection.release(connection);
                perUser.release(user);
            }
        };
        return chain.next(request)
                .contextWrite(Context.of(SECURITY_CONTEXT_KEY, context))
                .map(response -> bounded(response, validFor, release))
                .doOnError(error -> release.run())
                .doOnCancel(release);
    }

    /** Open subscriptions of the user over all connections, WebSocket and SSE (for tests and metrics). */
    public int openSubscriptions(String userId) {
        return perUser.open(userId);
    }

    private SecurityContext authenticate(Map<String, Object> payload) {
        String token = bearerToken(payload);
        Jwt jwt;
        try {
            jwt = jwtDecoder.decode(token);
        } catch (RuntimeException e) {
            throw new BadCredentialsException("invalid bearer token", e);
        }
        return new SecurityContextImpl(tokenConverter.convert(jwt));
    }

    private static String bearerToken(Map<String, Object> payload) {
        Object header = payload == null ? null : payload.entrySet().stream()
                .filter(entry -> AUTHORIZATION.equalsIgnoreCase(entry.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (!(header instanceof String value) || value.length() <= BEARER.length()
                || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new BadCredentialsException("connection_init needs {\"Authorization\": \"Bearer <token>\"}");
        }
        return value.substring(BEARER.length()).trim();
    }

    static Duration validFor(Jwt jwt, Clock clock) {
        Instant expiresAt = jwt.getExpiresAt();
        return expiresAt == null ? Duration.ofDays(1) : Duration.between(clock.instant(), expiresAt);
    }

    /**
     * A subscription's stream ends when the token expires and gives its slots back however it ends
     * (complete, error, the client's complete, the connection closing); any other operation gives
     * them back at once.
     */
    static WebGraphQlResponse bounded(WebGraphQlResponse response, Duration validFor, Runnable release) {
        if (response.getExecutionResult().getData() instanceof Publisher<?> stream) {
            return response.transform(builder -> builder.data(Flux.from(stream).take(validFor).doFinally(signal -> release.run())));
        }
        release.run();
        return response;
    }

    static Mono<WebGraphQlResponse> refuse(WebGraphQlRequest request, ErrorCode code, ErrorType type, String message) {
        GraphQLError error = GraphqlErrorBuilder.newError().errorType(type).message(message)
                .extensions(Map.of("code", code.name())).build();
        ExecutionResult result = ExecutionResult.newExecutionResult().addError(error).build();
        return Mono.just(new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result)));
    }
}
