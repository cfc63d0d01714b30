package io.tandem.query.api;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.execution.AbortExecutionException;

/**
 * Limits how many fields an operation selects (each field counts one, plus its children), with a
 * separate, larger limit for introspection-only operations. What the selected fields cost once
 * pages multiply them is {@link OperationCostLimit}'s concern.
 */
class OperationComplexityLimit extends MaxQueryComplexityInstrumentation {

    OperationComplexityLimit(int maxComplexity, int maxIntrospectionComplexity) {
        super(maxComplexity, info -> !IntrospectionOperations.isIntrospectionOnly(info)
                || info.getComplexity() > maxIntrospectionComplexity);
    }

    @Override
    protected AbortExecutionException mkAbortException(int totalComplexity, int maximumComplexity) {
        return new QueryTooComplex("maximum query complexity exceeded: the operation selects " + totalComplexity
                + " fields, at most " + maximumComplexity + " are allowed");
    }
}
