package io.tandem.infra.demo;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.GraphQLScalarType;
import org.springframework.context.annotation.Bean;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

import java.util.Locale;

/**
 * Stand-ins for the schema's {@code DateTime} and {@code Date} scalars while their implementation (by
 * the market-data and portfolio work) is not on this branch: without any, the GraphQL schema does not
 * load and the application does not start. Each is added only when the wiring has no scalar of that
 * name yet, and a real one registered later replaces it, so with the real ones present this changes
 * nothing. A source passed to the application builder, not a {@code @Configuration}, so component
 * scanning never finds it.
 */
class PendingScalars {

    @Bean
    RuntimeWiringConfigurer scalarStandIns() {
        return wiring -> {
            for (String name : new String[]{"DateTime", "Date"}) {
                if (!wiring.build().getScalars().containsKey(name)) {
                    wiring.scalar(GraphQLScalarType.newScalar().name(name).coercing(new AsText()).build());
                }
            }
        };
    }

    private static final class AsText implements Coercing<Object, String> {

        @Override
        public String serialize(Object value, GraphQLContext context, Locale locale) {
            return value.toString();
        }

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale) {
            return input.toString();
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            return input instanceof StringValue text ? text.getValue() : input.toString();
        }
    }
}
