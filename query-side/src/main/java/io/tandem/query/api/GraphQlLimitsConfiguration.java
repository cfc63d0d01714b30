package io.tandem.query.api;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bounds what one GraphQL request may cost: how deeply it may nest, how many fields it may select
 * and how many values it may ask for once page sizes multiply its fields ({@link OperationCostLimit}).
 * The field and cost limits answer with the code QUERY_TOO_COMPLEX. Spring Boot's GraphQL
 * auto-configuration installs every {@code Instrumentation} bean.
 * Introspection (GraphiQL's schema query) nests deeper than any business query, so operations that
 * select only introspection fields get their own, still finite, limits.
 */
@Configuration(proxyBeanMethods = false)
public class GraphQlLimitsConfiguration {

    public static final int MAX_DEPTH = 10;
    public static final int MAX_COMPLEXITY = 200;
    /**
     * Values one operation may ask for ({@link OperationCostLimit}): a page of 100 orders with every
     * field costs about 1,300, an order book 100 levels deep about 800.
     */
    public static final int MAX_COST = 2000;
    /** Grammar tokens one document may have ({@link OperationTokenLimit}); GraphiQL's introspection query has about 300. */
    public static final int MAX_TOKENS = 2000;
    public static final int MAX_INTROSPECTION_DEPTH = 15;
    public static final int MAX_INTROSPECTION_COMPLEXITY = 1000;

    @Bean
    public SimplePerformantInstrumentation operationTokenLimit() {
        return new OperationTokenLimit(MAX_TOKENS);
    }

    @Bean
    public MaxQueryDepthInstrumentation maxQueryDepthInstrumentation() {
        return new OperationDepthLimit(MAX_DEPTH, MAX_INTROSPECTION_DEPTH);
    }

    @Bean
    public MaxQueryComplexityInstrumentation maxQueryComplexityInstrumentation() {
        return new OperationComplexityLimit(MAX_COMPLEXITY, MAX_INTROSPECTION_COMPLEXITY);
    }

    @Bean
    public MaxQueryComplexityInstrumentation maxQueryCostInstrumentation() {
        return new OperationCostLimit(MAX_COST);
    }
}
