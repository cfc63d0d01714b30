package io.tandem.query.api;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Reports a refusal that ends a subscription's stream (a missing caller, a refused query) the way
 * {@link TandemErrorResolver} reports one of a query: the code in {@code extensions.code}, nothing
 * else. Anything else is left to Spring GraphQL's default, which answers without details.
 */
@Component
public class TandemSubscriptionErrorResolver extends SubscriptionExceptionResolverAdapter {

    @Override
    protected GraphQLError resolveToSingleError(Throwable exception) {
        return TandemErrorResolver.refusal(exception)
                .map(refusal -> GraphqlErrorBuilder.newError()
                        .errorType(TandemErrorResolver.classification(refusal.code()))
                        .message(refusal.message())
                        .extensions(Map.of("code", refusal.code().name()))
                        .build())
                .orElse(null);
    }
}
