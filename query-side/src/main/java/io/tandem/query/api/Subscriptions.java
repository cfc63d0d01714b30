package io.tandem.query.api;

import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import reactor.core.publisher.Flux;

/**
 * GraphQL subscriptions over Axon subscription queries. The subscription query is opened only when
 * the GraphQL subscription is subscribed to, and closed (its update handler removed from the
 * emitter) however the stream ends: the client's {@code complete}, the connection closing, an
 * error, or the token's expiry. The initial result is not asked for: these queries' initial
 * results carry nothing (a {@code true}), so no query handler runs at subscribe time.
 */
public final class Subscriptions {

    private Subscriptions() {
    }

    /** Each update of {@code query} from now on, as long as the subscriber stays subscribed. */
    public static <U> Flux<U> updates(QueryGateway queryGateway, Object query, Class<U> updateType) {
        return Flux.using(() -> queryGateway.subscriptionQuery(query, Boolean.class, updateType),
                SubscriptionQueryResult::updates,
                SubscriptionQueryResult::cancel);
    }
}
