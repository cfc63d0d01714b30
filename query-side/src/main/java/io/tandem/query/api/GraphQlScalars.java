package io.tandem.query.api;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import io.tandem.contracts.common.ErrorCode;
import graphql.schema.idl.RuntimeWiring;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The schema's own scalars: {@code DateTime}, an ISO-8601 instant ({@code 2026-12-01T14:02:00Z}) that
 * resolvers take and give as {@link Instant}, and {@code Date}, an ISO-8601 calendar date
 * ({@code 2026-12-01}) taken and given as {@link LocalDate}. Read models keep times as ISO strings, so
 * both also serialize such a string, after checking it is one.
 * <p>
 * A value that is not one (a literal in the document or a variable) is refused while the request is
 * validated, before any resolver runs: graphql-java reports it as a validation error (a bad request,
 * never an internal error), and the error carries {@code extensions.code} MALFORMED_REQUEST where
 * graphql-java keeps the coercion's extensions (variables). An offset other than {@code Z} is accepted
 * on input ({@code 2026-12-01T15:02:00+01:00} is the same instant); output is always UTC.
 */
@Component
public class GraphQlScalars implements RuntimeWiringConfigurer {

    public static final GraphQLScalarType DATE_TIME = GraphQLScalarType.newScalar()
            .name("DateTime")
            .description("An ISO-8601 instant, e.g. 2026-12-01T14:02:00Z.")
            .coercing(new IsoCoercing<>("DateTime", "an ISO-8601 instant such as 2026-12-01T14:02:00Z",
                    Instant.class, GraphQlScalars::instant))
            .build();

    public static final GraphQLScalarType DATE = GraphQLScalarType.newScalar()
            .name("Date")
            .description("An ISO-8601 calendar date (UTC day), e.g. 2026-12-01.")
            .coercing(new IsoCoercing<>("Date", "an ISO-8601 date such as 2026-12-01", LocalDate.class, LocalDate::parse))
            .build();

    @Override
    public void configure(RuntimeWiring.Builder builder) {
        builder.scalar(DATE_TIME).scalar(DATE);
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notUtc) {
            return OffsetDateTime.parse(text).toInstant();
        }
    }

    /** Coerces one java.time type to and from its ISO-8601 string. */
    private static final class IsoCoercing<T> implements Coercing<T, String> {

        private final String name;
        private final String expected;
        private final Class<T> type;
        private final Function<String, T> parse;

        IsoCoercing(String name, String expected, Class<T> type, Function<String, T> parse) {
            this.name = name;
            this.expected = expected;
            this.type = type;
            this.parse = parse;
        }

        @Override
        public String serialize(Object value, GraphQLContext context, Locale locale) {
            if (type.isInstance(value)) {
                return value.toString();
            }
            if (value instanceof OffsetDateTime time && type == Instant.class) {
                return time.toInstant().toString();
            }
            if (value instanceof String text) {
                try {
                    return parse.apply(text).toString();
                } catch (DateTimeParseException e) {
                    throw new CoercingSerializeException(name + ": '" + text + "' is not " + expected);
                }
            }
            throw new CoercingSerializeException(name + ": cannot serialize a " + (value == null ? "null" : value.getClass().getSimpleName()));
        }

        @Override
        public T parseValue(Object input, GraphQLContext context, Locale locale) {
            if (input instanceof String text) {
                try {
                    return parse.apply(text);
                } catch (DateTimeParseException e) {
                    // falls through to the refusal
                }
            } else if (type.isInstance(input)) {
                return type.cast(input);
            }
            throw CoercingParseValueException.newCoercingParseValueException()
                    .message(refusal(input)).extensions(Map.of("code", ErrorCode.MALFORMED_REQUEST.name())).build();
        }

        @Override
        public T parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            if (input instanceof StringValue text) {
                try {
                    return parse.apply(text.getValue());
                } catch (DateTimeParseException e) {
                    // falls through to the refusal
                }
            }
            throw CoercingParseLiteralException.newCoercingParseLiteralException()
                    .message(refusal(input instanceof StringValue text ? text.getValue() : input))
                    .extensions(Map.of("code", ErrorCode.MALFORMED_REQUEST.name())).build();
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return StringValue.of(serialize(input, context, locale));
        }

        private String refusal(Object input) {
            return name + ": '" + input + "' is not " + expected;
        }
    }
}
