package io.tandem.query.api;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bounds what one GraphQL request may cost: how deeply it may nest and how many fields it may
 * select. Spring Boot's GraphQL auto-configuration installs every {@code Instrumentation} bean.
 * Introspection (GraphiQL's schema query) nests deeper than any business query, so operations that
 * select only introspection fields get their own, still finite, limits.
 */
@Configuration(proxyBeanMethods = false)
public class GraphQlLimitsConfiguration {

    public static final int MAX_DEPTH = 10;
    public static final int MAX_COMPLEXITY = 200;
    public static final int MAX_INTROSPECTION_DEPTH = 15;
    public static final int MAX_INTROSPECTION_COMPLEXITY = 1000;

    @Bean
    public MaxQueryDepthInstrumentation maxQueryDepthInstrumentation() {
        return new OperationDepthLimit(MAX_DEPTH, MAX_INTROSPECTION_DEPTH);
    }

    @Bean
    public MaxQueryComplexityInstrumentation maxQueryComplexityInstrumentation() {
        return new OperationComplexityLimit(MAX_COMPLEXITY, MAX_INTROSPECTION_COMPLEXITY);
    }
}
