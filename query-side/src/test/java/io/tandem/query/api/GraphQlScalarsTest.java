package io.tandem.query.api;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The DateTime and Date scalars: ISO-8601 in and out, java.time for resolvers, anything else refused as malformed. */
class GraphQlScalarsTest {

    private static final GraphQLContext CONTEXT = GraphQLContext.getDefault();

    @SuppressWarnings("unchecked")
    private static Coercing<Object, String> coercing(graphql.schema.GraphQLScalarType scalar) {
        return (Coercing<Object, String>) scalar.getCoercing();
    }

    @Test
    void aDateTimeIsAnInstantInAnyOffsetAndIsWrittenInUtc() {
        Coercing<Object, String> dateTime = coercing(GraphQlScalars.DATE_TIME);

        assertThat(dateTime.parseValue("2026-12-01T14:02:00Z", CONTEXT, Locale.ROOT)).isEqualTo(Instant.parse("2026-12-01T14:02:00Z"));
        assertThat(dateTime.parseValue("2026-12-01T15:02:00+01:00", CONTEXT, Locale.ROOT)).isEqualTo(Instant.parse("2026-12-01T14:02:00Z"));
        assertThat(dateTime.parseLiteral(StringValue.of("2026-12-01T14:02:00.5Z"), CoercedVariables.emptyVariables(), CONTEXT, Locale.ROOT))
                .isEqualTo(Instant.parse("2026-12-01T14:02:00.500Z"));
        assertThat(dateTime.serialize(Instant.parse("2026-12-01T14:02:00Z"), CONTEXT, Locale.ROOT)).isEqualTo("2026-12-01T14:02:00Z");
        assertThat(dateTime.serialize("2026-12-01T14:02:00Z", CONTEXT, Locale.ROOT)).as("read models keep ISO strings")
                .isEqualTo("2026-12-01T14:02:00Z");
    }

    @Test
    void aDateIsALocalDate() {
        Coercing<Object, String> date = coercing(GraphQlScalars.DATE);

        assertThat(date.parseValue("2026-12-01", CONTEXT, Locale.ROOT)).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(date.parseLiteral(StringValue.of("2024-02-29"), CoercedVariables.emptyVariables(), CONTEXT, Locale.ROOT))
                .isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(date.serialize(LocalDate.of(2026, 1, 2), CONTEXT, Locale.ROOT)).isEqualTo("2026-01-02");
    }

    @Test
    void anythingElseIsRefusedAsMalformed() {
        Coercing<Object, String> dateTime = coercing(GraphQlScalars.DATE_TIME);
        Coercing<Object, String> date = coercing(GraphQlScalars.DATE);

        for (Object bad : new Object[]{"2026-12-01", "yesterday", "2026-12-01T14:02:00", 1_700_000_000}) {
            assertThatThrownBy(() -> dateTime.parseValue(bad, CONTEXT, Locale.ROOT)).as(String.valueOf(bad))
                    .isInstanceOfSatisfying(CoercingParseValueException.class,
                            e -> assertThat(e.getExtensions()).containsEntry("code", "MALFORMED_REQUEST"));
        }
        for (Object bad : new Object[]{"2026-12-01T00:00:00Z", "2026-02-30", "01/12/2026", 20261201}) {
            assertThatThrownBy(() -> date.parseValue(bad, CONTEXT, Locale.ROOT)).as(String.valueOf(bad))
                    .isInstanceOf(CoercingParseValueException.class);
        }
        assertThatThrownBy(() -> date.parseLiteral(new IntValue(BigInteger.TEN), CoercedVariables.emptyVariables(), CONTEXT, Locale.ROOT))
                .isInstanceOf(CoercingParseLiteralException.class);
        assertThatThrownBy(() -> dateTime.serialize("not a time", CONTEXT, Locale.ROOT)).isInstanceOf(CoercingSerializeException.class);
    }
}
