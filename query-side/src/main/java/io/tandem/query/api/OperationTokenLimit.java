package io.tandem.query.api;

import graphql.ExecutionInput;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.parser.ParserOptions;

/**
 * Bounds the document itself before anything else looks at it: at most {@code maxTokens} grammar
 * tokens per operation (graphql-java's own default is 15,000). The field, cost and depth limits run
 * after validation, and validation compares fields of one response name pairwise, so a document of
 * thousands of repeated fields ({@code { __typename __typename ... }}) would cost seconds of CPU
 * before any limit saw it. Stopping the parser at a few thousand tokens bounds that work; the
 * largest real operations (GraphiQL's introspection query, a full page with every field) use a few
 * hundred. The parser's refusal is an ordinary GraphQL syntax error.
 */
class OperationTokenLimit extends SimplePerformantInstrumentation {

    private final ParserOptions parserOptions;

    OperationTokenLimit(int maxTokens) {
        this.parserOptions = ParserOptions.getDefaultOperationParserOptions().transform(options -> options.maxTokens(maxTokens));
    }

    @Override
    public ExecutionInput instrumentExecutionInput(ExecutionInput executionInput, InstrumentationExecutionParameters parameters,
                                                   InstrumentationState state) {
        executionInput.getGraphQLContext().put(ParserOptions.class, parserOptions);
        return executionInput;
    }
}
