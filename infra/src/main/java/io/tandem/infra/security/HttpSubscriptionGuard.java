package io.tandem.infra.security;

import io.tandem.contracts.common.ErrorCode;
import org.reactivestreams.Publisher;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Subscriptions over HTTP. A plain {@code POST /graphql} cannot carry a stream (Spring GraphQL
 * would serialise the publisher object itself), so a subscription there is refused with
 * MALFORMED_REQUEST before anything is subscribed; over Server-Sent Events ({@code Accept:
 * text/event-stream}, bearer header as for any HTTP request) it is served, counted against the
 * same per-user limit as WebSocket subscriptions and ended when the token expires.
 */
class HttpSubscriptionGuard implements WebGraphQlInterceptor {

    private final Clock clock;
    private final SubscriptionQuota perUser;

    HttpSubscriptionGuard(Clock clock, SubscriptionQuota perUser) {
        this.clock = clock;
        this.perUser = perUser;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (request instanceof WebSocketGraphQlRequest) {
            return chain.next(request);
        }
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        boolean eventStream = request.getHeaders().getAccept().stream().anyMatch(MediaType.TEXT_EVENT_STREAM::equalsTypeAndSubtype);
        return chain.next(request).flatMap(response -> {
            if (!(response.getExecutionResult().getData() instanceof Publisher<?>)) {
                return Mono.just(response);
            }
            if (!eventStream) {
                return GraphQlWebSocketSecurity.refuse(request, ErrorCode.MALFORMED_REQUEST, ErrorType.BAD_REQUEST,
                        "subscriptions are served over WebSocket (graphql-transport-ws) or Server-Sent Events (Accept: text/event-stream)");
            }
            if (!(caller instanceof JwtAuthenticationToken token)) {
                return GraphQlWebSocketSecurity.refuse(request, ErrorCode.UNAUTHENTICATED, ErrorType.UNAUTHORIZED, "authentication required");
            }
            Duration validFor = GraphQlWebSocketSecurity.validFor(token.getToken(), clock);
            if (validFor.isNegative() || validFor.isZero() || !perUser.tryAcquire(token.getName())) {
                return GraphQlWebSocketSecurity.refuse(request, ErrorCode.RATE_LIMITED, ErrorType.BAD_REQUEST, "too many subscriptions of this user");
            }
            AtomicBoolean released = new AtomicBoolean();
            Runnable release = () -> {
                if (released.compareAndSet(false, true)) {
                    perUser.release(token.getName());
                }
            };
            return Mono.just(GraphQlWebSocketSecurity.bounded(response, validFor, release));
        });
    }
}
