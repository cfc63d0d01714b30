package io.tandem.query.api;

import graphql.analysis.MaxQueryComplexityInstrumentation;

/**
 * Limits how many fields an operation selects (each field counts one, plus its children), with a
 * separate, larger limit for introspection-only operations.
 */
class OperationComplexityLimit extends MaxQueryComplexityInstrumentation {

    OperationComplexityLimit(int maxComplexity, int maxIntrospectionComplexity) {
        super(maxComplexity, info -> !IntrospectionOperations.isIntrospectionOnly(info)
                || info.getComplexity() > maxIntrospectionComplexity);
    }
}
