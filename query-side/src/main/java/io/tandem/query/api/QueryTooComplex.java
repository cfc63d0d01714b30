package io.tandem.query.api;

import graphql.execution.AbortExecutionException;
import io.tandem.contracts.common.ErrorCode;

import java.util.Map;

/**
 * An operation refused before it ran because it would cost too much, reported like every other
 * refusal with its code ({@link ErrorCode#QUERY_TOO_COMPLEX}) in {@code extensions.code}.
 */
final class QueryTooComplex extends AbortExecutionException {

    QueryTooComplex(String message) {
        super(message);
    }

    @Override
    public Map<String, Object> getExtensions() {
        return Map.of("code", ErrorCode.QUERY_TOO_COMPLEX.name());
    }
}
