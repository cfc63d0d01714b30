package io.tandem;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLUnmodifiedType;
import graphql.schema.GraphQLTypeUtil;
import io.tandem.FuzzValues.Raw;
import io.tandem.GuardHttp.Call;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.tandem.FuzzValues.pick;

/**
 * Generates the fuzz test's GraphQL requests from the application's schema: random selections of
 * every query field with plausible, hostile or ill-typed arguments (inline or as variables), and
 * hostile documents: hundreds of aliases, deep nesting, huge {@code first:}, full introspection,
 * fragment cycles, unknown fields and directives, operations the schema lacks, token floods, and
 * request envelopes of the wrong shape.
 */
final class FuzzGraphql {

    static final String FULL_INTROSPECTION = """
            query IntrospectionQuery { __schema { queryType { name } mutationType { name } subscriptionType { name }
              types { ...FullType } directives { name description locations args { ...InputValue } } } }
            fragment FullType on __Type { kind name description
              fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
              inputFields { ...InputValue } interfaces { ...TypeRef }
              enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason } possibleTypes { ...TypeRef } }
            fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
            fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType {
              kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }""";

    private static final List<Object> INTS = List.of(1, 5, 100, 0, -1, 2147483647, -2147483648, new Raw("2147483648"),
            new Raw("99999999999"), new Raw("1e999999999"), new Raw("1.5"), "10", new Raw("null"));

    private final GraphQLSchema schema;
    private final FuzzRequests.Pool pool;

    FuzzGraphql(GraphQLSchema schema, FuzzRequests.Pool pool) {
        this.schema = schema;
        this.pool = pool;
    }

    Call next(Random random) {
        int dice = random.nextInt(20);
        Object envelope;
        if (dice < 11) {
            envelope = schemaQuery(random);
        } else if (dice < 18) {
            envelope = envelope(hostileDocument(random), Map.of());
        } else {
            envelope = hostileEnvelope(random);
        }
        String body = FuzzValues.write(envelope);
        Call call = Call.json("POST", "/graphql", body);
        if (random.nextInt(15) == 0) {
            // A well-formed subscription asked for as Server-Sent Events is a live stream that stays open (over SSE,
            // SubscriptionsOverWebSocketEndToEndTest), not a request this client could wait out: no event-stream for it.
            call = call.withHeader("Accept", pick(random, body.contains("subscription {")
                    ? List.of("application/xml", "application/graphql-response+json", "*/*")
                    : List.of("text/event-stream", "application/xml", "application/graphql-response+json", "*/*")));
        }
        return call;
    }

    private Map<String, Object> schemaQuery(Random random) {
        Map<String, Object> variables = new LinkedHashMap<>();
        List<String> declarations = new ArrayList<>();
        StringBuilder selection = new StringBuilder();
        List<GraphQLFieldDefinition> roots = schema.getQueryType().getFieldDefinitions();
        int count = 1 + random.nextInt(random.nextInt(10) == 0 ? 12 : 3);
        for (int i = 0; i < count; i++) {
            GraphQLFieldDefinition field = pick(random, roots);
            if (random.nextInt(3) == 0) {
                selection.append("a").append(i).append(": ");
            }
            selection.append(field.getName()).append(arguments(field, random, variables, declarations))
                    .append(subSelection(field.getType(), random, 0)).append(' ');
        }
        String header = declarations.isEmpty() ? "" : "query Fuzz(" + String.join(", ", declarations) + ") ";
        return envelope(header + "{ " + selection + "}", variables);
    }

    private String arguments(GraphQLFieldDefinition field, Random random, Map<String, Object> variables,
                             List<String> declarations) {
        List<String> arguments = new ArrayList<>();
        for (GraphQLArgument argument : field.getArguments()) {
            boolean required = GraphQLTypeUtil.isNonNull(argument.getType());
            if (!required && random.nextInt(3) == 0 || required && random.nextInt(30) == 0) {
                continue;
            }
            Object value = value(argument, random);
            if (random.nextBoolean()) {
                String name = "v" + variables.size();
                String declared = random.nextInt(15) == 0 ? "String" : GraphQLTypeUtil.simplePrint(argument.getType());
                declarations.add("$" + name + ": " + declared);
                variables.put(name, random.nextInt(12) == 0 ? FuzzValues.hostile(random) : value);
                arguments.add(argument.getName() + ": $" + name);
            } else {
                arguments.add(argument.getName() + ": " + literal(value));
            }
        }
        if (random.nextInt(25) == 0) {
            arguments.add("bogus: 1");
        }
        return arguments.isEmpty() ? "" : "(" + String.join(", ", arguments) + ")";
    }

    private Object value(GraphQLArgument argument, Random random) {
        GraphQLType type = GraphQLTypeUtil.unwrapNonNull(argument.getType());
        boolean list = type instanceof GraphQLList;
        GraphQLUnmodifiedType base = GraphQLTypeUtil.unwrapAll(argument.getType());
        Object value;
        if (base instanceof GraphQLEnumType enumType) {
            value = random.nextInt(12) == 0 ? "BOGUS" : pick(random, enumType.getValues()).getName();
        } else if (base.getName().equals("Int")) {
            value = pick(random, INTS);
        } else if (random.nextInt(6) == 0) {
            value = FuzzValues.hostile(random) instanceof String text ? text : FuzzValues.randomText(random, 20);
        } else {
            value = switch (argument.getName()) {
                case "accountId" -> pick(random, pool.accounts());
                case "symbol" -> pick(random, pool.symbols());
                case "after" -> pick(random, List.of("", "bm90LWEtY3Vyc29y", "%%%", "eyJ4IjoxfQ", "x".repeat(500)));
                default -> pick(random, random.nextBoolean() ? pool.accounts() : pool.payments());
            };
        }
        return list ? List.of(value) : value;
    }

    /** A GraphQL literal for a generated value; strings that name enum values are written bare. */
    private static String literal(Object value) {
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(item -> items.add(literal(item)));
            return "[" + String.join(", ", items) + "]";
        }
        if (value instanceof String text && text.matches("[A-Z_]{2,}") && !text.equals("BUY")) {
            return text;
        }
        return value instanceof Raw raw ? raw.text() : FuzzValues.write(value);
    }

    private String subSelection(GraphQLOutputType type, Random random, int depth) {
        GraphQLUnmodifiedType base = GraphQLTypeUtil.unwrapAll(type);
        if (!(base instanceof GraphQLObjectType object)) {
            return "";
        }
        List<GraphQLFieldDefinition> fields = new ArrayList<>(object.getFieldDefinitions());
        Collections.shuffle(fields, random);
        int count = 1 + random.nextInt(fields.size());
        StringBuilder selection = new StringBuilder(" {");
        for (GraphQLFieldDefinition field : fields.subList(0, count)) {
            selection.append(' ').append(field.getName());
            if (depth < 6) {
                selection.append(subSelection(field.getType(), random, depth + 1));
            }
        }
        if (random.nextInt(10) == 0) {
            selection.append(" __typename");
        }
        return selection.append(" }").toString();
    }

    private String hostileDocument(Random random) {
        String symbol = pick(random, pool.symbols());
        return switch (random.nextInt(16)) {
            case 0 -> {
                StringBuilder aliases = new StringBuilder("{");
                int count = 10 + random.nextInt(500);
                for (int i = 0; i < count; i++) {
                    aliases.append(" t").append(i).append(": trades(symbol: \"").append(symbol)
                            .append("\", first: 100) { edges { node { tradeId price } } }");
                }
                yield aliases.append(" }").toString();
            }
            case 1 -> {
                int depth = 1 + random.nextInt(60);
                yield "{ __schema { types { fields { type { " + "ofType { ".repeat(depth) + "name" + " }".repeat(depth)
                        + " } } } } }";
            }
            case 2 -> "{ trades(symbol: \"" + symbol + "\", first: " + pick(random, List.of("2147483647", "1000000",
                    "99999999999", "-5", "0")) + ") { edges { node { tradeId } } } }";
            case 3 -> FULL_INTROSPECTION;
            case 4 -> "query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }";
            case 5 -> "{ nope { nothing } }";
            case 6 -> "{ __typename @foo @skip(if: $undefined) }";
            case 7 -> "mutation { placeOrder(symbol: \"" + symbol + "\") { id } }";
            case 8 -> "subscription { trades(symbol: \"" + symbol + "\") { tradeId } }";
            // Repeated fields are merged pairwise by graphql-java: 15,000 of them (its token limit) cost seconds of
            // CPU, which the complexity limit does not see; kept to a few thousand so the fuzz stays fast.
            case 9 -> "{ " + "__typename ".repeat(500 + random.nextInt(2_500)) + "}";
            case 10 -> "{".repeat(100 + random.nextInt(5_000)) + "}".repeat(random.nextInt(100));
            case 11 -> "query A { __typename } query B { __typename }";
            case 12 -> "{ account(id: \"" + FuzzValues.randomText(random, 50).replace("\\", "").replace("\"", "") + "\") { id } }";
            case 13 -> "# " + "c".repeat(random.nextInt(100_000)) + "\n{ __typename }";
            case 14 -> "{ orderBook(symbol: \"" + symbol + "\", depth: " + pick(random, List.of("2147483647", "-1", "0", "\"x\""))
                    + ") { bids { price } } }";
            default -> "{ orders(accountId: " + pick(random, List.of("[\"a\"]", "{a: 1}", "null", "123", "\"\"\"block\"\"\""))
                    + ") { edges { node { orderId } } } }";
        };
    }

    private Object hostileEnvelope(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> Map.of("query", new Raw("42"));
            case 1 -> Map.of("variables", Map.of());
            case 2 -> new Raw("null");
            case 3 -> List.of(envelope("{ __typename }", Map.of()), envelope("{ __typename }", Map.of()));
            case 4 -> Map.of("query", "{ __typename }", "variables", "not an object");
            case 5 -> Map.of("query", "{ __typename }", "operationName", "Missing");
            case 6 -> Map.of("query", "{ __typename }", "extensions", Map.of("persistedQuery", Map.of("sha256Hash", "x")));
            default -> Map.of("query", new String(new byte[]{(byte) 0xC3}, StandardCharsets.ISO_8859_1) + "{ __typename }");
        };
    }

    private static Map<String, Object> envelope(String query, Map<String, Object> variables) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("query", query);
        if (!variables.isEmpty()) {
            envelope.put("variables", variables);
        }
        return envelope;
    }
}
