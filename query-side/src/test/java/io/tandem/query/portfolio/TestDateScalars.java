package io.tandem.query.portfolio;

import graphql.language.StringValue;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLScalarType;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * The schema's Date (a {@link LocalDate}) and DateTime scalars for GraphQL slice tests, as ISO-8601
 * strings, so that the schema loads in a slice whatever the application wires for them. The wiring
 * the application runs with is its own; this only stands in for it here.
 */
@TestConfiguration
public class TestDateScalars {

    @Bean
    RuntimeWiringConfigurer testDateScalars() {
        return wiring -> wiring.scalar(scalar("Date", LocalDate::parse)).scalar(scalar("DateTime", Instant::parse));
    }

    @SuppressWarnings("deprecation")
    private static GraphQLScalarType scalar(String name, Function<String, Object> parse) {
        return GraphQLScalarType.newScalar().name(name).coercing(new Coercing<Object, String>() {
            @Override
            public String serialize(Object value) {
                return value.toString();
            }

            @Override
            public Object parseValue(Object input) {
                try {
                    return parse.apply(input.toString());
                } catch (DateTimeParseException e) {
                    throw new CoercingParseValueException("not an ISO-8601 " + name + ": " + input);
                }
            }

            @Override
            public Object parseLiteral(Object input) {
                if (!(input instanceof StringValue string)) {
                    throw new CoercingParseLiteralException("a " + name + " is a string");
                }
                try {
                    return parse.apply(string.getValue());
                } catch (DateTimeParseException e) {
                    throw new CoercingParseLiteralException("not an ISO-8601 " + name + ": " + string.getValue());
                }
            }
        }).build();
    }
}
