package io.tandem.query.api;

import graphql.ExecutionResult;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;

/** Limits how deeply an operation nests, with a separate limit for introspection-only operations. */
class OperationDepthLimit extends MaxQueryDepthInstrumentation {

    private final MaxQueryDepthInstrumentation introspectionLimit;

    OperationDepthLimit(int maxDepth, int maxIntrospectionDepth) {
        super(maxDepth);
        this.introspectionLimit = new MaxQueryDepthInstrumentation(maxIntrospectionDepth);
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                         InstrumentationState state) {
        if (IntrospectionOperations.isIntrospectionOnly(parameters.getExecutionContext().getOperationDefinition())) {
            return introspectionLimit.beginExecuteOperation(parameters, state);
        }
        return super.beginExecuteOperation(parameters, state);
    }
}
