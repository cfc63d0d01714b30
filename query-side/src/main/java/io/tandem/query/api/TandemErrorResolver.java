package io.tandem.query.api;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import org.axonframework.messaging.HandlerExecutionException;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;

/**
 * Reports a refused request as a GraphQL error with the refusal's code in
 * {@code extensions.code} and a classification from the code's category, and with nothing else:
 * no stack trace, no exception class. The code may arrive as a {@link TandemException} anywhere in
 * the cause chain (local query bus, completion wrappers) or as the details of an Axon
 * {@link HandlerExecutionException} (distributed query bus). Spring Security's missing or
 * insufficient authentication are reported the same way (UNAUTHENTICATED, FORBIDDEN). Anything
 * else is left to Spring GraphQL's default, which answers INTERNAL_ERROR without details.
 */
@Component
public class TandemErrorResolver extends DataFetcherExceptionResolverAdapter {

    @Override
    protected GraphQLError resolveToSingleError(Throwable exception, DataFetchingEnvironment environment) {
        return refusal(exception)
                .map(refusal -> GraphqlErrorBuilder.newError(environment)
                        .errorType(classification(refusal.code()))
                        .message(refusal.message())
                        .extensions(Map.of("code", refusal.code().name()))
                        .build())
                .orElse(null);
    }

    static ErrorType classification(ErrorCode code) {
        return switch (code.category()) {
            case UNAUTHENTICATED -> ErrorType.UNAUTHORIZED;
            case FORBIDDEN -> ErrorType.FORBIDDEN;
            case NOT_FOUND -> ErrorType.NOT_FOUND;
            case MALFORMED, CONFLICT, REJECTED, TOO_LARGE, RATE_LIMITED -> ErrorType.BAD_REQUEST;
        };
    }

    static Optional<Refusal> refusal(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TandemException tandem) {
                return Optional.of(new Refusal(tandem.code(), tandem.getMessage()));
            }
            if (cause instanceof AuthenticationException) {
                return Optional.of(new Refusal(ErrorCode.UNAUTHENTICATED, "authentication required"));
            }
            if (cause instanceof AccessDeniedException) {
                return Optional.of(new Refusal(ErrorCode.FORBIDDEN, "access denied"));
            }
            if (cause instanceof HandlerExecutionException handler) {
                Optional<ErrorCode> code = handler.getDetails().flatMap(ErrorCode::fromDetails);
                if (code.isPresent()) {
                    return Optional.of(new Refusal(code.get(), handler.getMessage()));
                }
            }
        }
        return Optional.empty();
    }

    record Refusal(ErrorCode code, String message) {
    }
}
