package io.tandem;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.FuzzValues.Raw;
import io.tandem.GuardHttp.Call;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.tandem.FuzzValues.hostile;
import static io.tandem.FuzzValues.pick;

/**
 * Generates the fuzz test's REST requests. The endpoints come from the application's own list
 * ({@link ApplicationEndpoints}); the fields of each request body from the application's OpenAPI
 * document, so a new endpoint or field is fuzzed without being named here. A request is valid-ish
 * (real accounts, symbols and orders, plausible decimals) often enough to reach the command side,
 * and hostile in one or many ways otherwise: wrong types, missing and extra fields, huge, negative
 * and exponent numbers, long and non-ASCII strings, broken JSON and encodings, odd content types,
 * methods, path segments and tokens.
 */
final class FuzzRequests {

    /** Real things to name, so that requests get past "not found": accounts, orders, payments, symbols, tokens. */
    record Pool(List<String> accounts, List<String> orders, List<String> payments, List<String> symbols,
                List<String> validTokens, List<String> badTokens) {
    }

    /** A body field as the OpenAPI document describes it. */
    record Field(String name, String type, List<String> enumValues) {
    }

    record Target(String method, String pattern, List<Field> fields) {
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}|\\*\\*");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD");
    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=xyz",
            "application/json; charset=UTF-16", "application/json; charset=nope", "*/*", "application/graphql",
            "garbage", "application/json;;;q=x");
    private static final List<String> ACCEPTS = List.of("application/xml", "text/html", "text/event-stream",
            "image/png", "garbage/;;", "application/json;q=abc", "application/problem+json", "*/*;q=0");

    private final List<Target> targets;
    private final Pool pool;
    private final BiFunction<byte[], Random, Map<String, String>> webhookHeaders;

    FuzzRequests(List<Target> targets, Pool pool, BiFunction<byte[], Random, Map<String, String>> webhookHeaders) {
        this.targets = targets;
        this.pool = pool;
        this.webhookHeaders = webhookHeaders;
    }

    /** The REST targets: every endpoint ("METHOD /path"), its body fields from the OpenAPI document. */
    static List<Target> targets(Iterable<String> endpoints, JsonNode openApi) {
        List<Target> targets = new ArrayList<>();
        for (String endpoint : endpoints) {
            String[] parts = endpoint.split(" ", 3);
            if (parts[1].startsWith("/graphql")) {
                continue;
            }
            String method = parts[0].equals("ANY") ? "GET" : parts[0];
            targets.add(new Target(method, parts[1], fields(openApi, method, parts[1])));
        }
        return targets;
    }

    private static List<Field> fields(JsonNode openApi, String method, String path) {
        JsonNode schema = openApi.path("paths").path(path).path(method.toLowerCase())
                .path("requestBody").path("content").path("application/json").path("schema");
        if (schema.has("$ref")) {
            schema = openApi.path("components").path("schemas")
                    .path(schema.path("$ref").asText().substring("#/components/schemas/".length()));
        }
        List<Field> fields = new ArrayList<>();
        schema.path("properties").fields().forEachRemaining(property -> {
            JsonNode type = property.getValue().has("items") ? property.getValue().path("items") : property.getValue();
            List<String> enumValues = new ArrayList<>();
            type.path("enum").forEach(value -> enumValues.add(value.asText()));
            fields.add(new Field(property.getKey(), property.getValue().path("type").asText("string"), enumValues));
        });
        if (fields.isEmpty() && path.contains("webhooks")) {
            // The webhook reads its raw body itself (to check the signature first): its fields are the notice's.
            fields.add(new Field("paymentId", "string", List.of()));
            fields.add(new Field("status", "string", List.of("CONFIRMED", "DECLINED", "FAILED", "PENDING")));
            fields.add(new Field("reason", "string", List.of()));
            fields.add(new Field("reference", "string", List.of()));
        }
        return fields;
    }

    List<Target> targets() {
        return targets;
    }

    /** The request and the token ({@code null}: none) to send it with. */
    record Fuzzed(Call call, String token) {
    }

    /** The request numbered {@code index}, drawn from {@code random}; counts the endpoint it targets in {@code hits}. */
    Fuzzed next(long index, Random random, Map<String, LongAdder> hits) {
        Target target = targets.get(random.nextInt(targets.size()));
        hits.computeIfAbsent(target.method() + " " + target.pattern(), key -> new LongAdder()).increment();
        String method = random.nextInt(10) == 0 ? pick(random, METHODS) : target.method();
        String path = path(target.pattern(), random) + (random.nextInt(12) == 0 ? "?" + query(random) : "");
        byte[] body = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")
                ? (random.nextInt(8) == 0 ? body(target, index, random) : null)
                : (random.nextInt(20) == 0 ? null : body(target, index, random));
        String contentType = body == null ? null
                : random.nextInt(6) == 0 ? (random.nextBoolean() ? null : pick(random, CONTENT_TYPES)) : "application/json";
        Call call = new Call(method, path, Map.of(), body, contentType);
        if (random.nextInt(10) == 0) {
            call = call.withHeader("Accept", pick(random, ACCEPTS));
        }
        if (target.pattern().contains("webhooks") && body != null && random.nextInt(3) > 0) {
            for (Map.Entry<String, String> header : webhookHeaders.apply(body, random).entrySet()) {
                call = call.withHeader(header.getKey(), header.getValue());
            }
        }
        return new Fuzzed(call, token(random));
    }

    String token(Random random) {
        int dice = random.nextInt(20);
        if (dice < 11) {
            return pick(random, pool.validTokens());
        }
        if (dice < 13) {
            return null;
        }
        return pick(random, pool.badTokens());
    }

    private String path(String pattern, Random random) {
        Matcher matcher = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) == null ? "rest" : matcher.group(1);
            matcher.appendReplacement(path, Matcher.quoteReplacement(segment(name, random)));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    private String segment(String name, Random random) {
        if (random.nextInt(10) < 7) {
            String value = switch (name) {
                case "accountId" -> pick(random, pool.accounts());
                case "orderId" -> pick(random, pool.orders());
                case "paymentId" -> pick(random, pool.payments());
                case "provider" -> random.nextInt(4) == 0 ? "paypal" : "simulator";
                default -> pick(random, List.of("ping", "liveness", "db", "a/b", ""));
            };
            return encode(value);
        }
        return switch (random.nextInt(8)) {
            // Escapes the JDK client itself refuses to send (%ZZ, a lone %) are left out.
            case 0 -> pick(random, List.of("%00", "%2F", "..", "%2e%2e", ";x=y", "%5C", "%25", "%C0%AF", "~", "%20", "%FF%FE"));
            case 1 -> "z".repeat(1 + random.nextInt(3_000));
            case 2 -> encode(FuzzValues.randomText(random, 40));
            default -> encode(String.valueOf(hostile(random) instanceof String text ? text : "x"));
        };
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String query(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "first=-1&depth=99999999999&x=%C0%AF&y=%00";
            case 1 -> "a=" + encode(FuzzValues.randomText(random, 30));
            case 2 -> "q=" + "w".repeat(random.nextInt(4_000));
            default -> "query=%7B__schema%7Btypes%7Bname%7D%7D%7D&variables=%7B";
        };
    }

    private byte[] body(Target target, long index, Random random) {
        int shape = random.nextInt(20);
        if (shape == 0) {
            return broken(valid(target, index, random), random);
        }
        if (shape == 1) {
            return FuzzValues.write(pick(random, List.of(new Raw("[]"), new Raw("null"), "a string", new Raw("42"),
                    new Raw("1e999999999"), List.of(valid(target, index, random))))).getBytes(StandardCharsets.UTF_8);
        }
        if (shape == 2) {
            int depth = 500 + random.nextInt(5_000);
            String open = random.nextBoolean() ? "[" : "{\"a\":";
            String close = open.equals("[") ? "]" : "}";
            return (open.repeat(depth) + "1" + close.repeat(depth)).getBytes(StandardCharsets.UTF_8);
        }
        if (shape == 3) {
            byte[] bytes = new byte[1 + random.nextInt(300)];
            random.nextBytes(bytes);
            return bytes;
        }
        if (shape == 4) {
            // Invalid UTF-8 inside an otherwise valid body.
            String text = FuzzValues.write(valid(target, index, random));
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            int at = text.indexOf("\":\"") + 3;
            if (at > 2 && at < utf8.length) {
                utf8[at] = (byte) (int) pick(random, List.of(0xC0, 0xFF, 0xED, 0x80));
            }
            return utf8;
        }
        Map<String, Object> body = valid(target, index, random);
        int mutations = shape < 9 ? 0 : 1 + random.nextInt(shape < 16 ? 1 : 4);
        List<String> names = new ArrayList<>(body.keySet());
        for (int i = 0; i < mutations; i++) {
            switch (random.nextInt(4)) {
                case 0 -> {
                    if (!names.isEmpty()) {
                        body.remove(pick(random, names));
                    }
                }
                case 1 -> body.put(pick(random, List.of("extra", "admin", "roles", "__proto__", "price", "a".repeat(300),
                        FuzzValues.randomText(random, 10))), random.nextBoolean() ? hostile(random)
                        : Map.of("nested", List.of(hostile(random), Map.of("deeper", hostile(random)))));
                default -> {
                    if (!names.isEmpty()) {
                        body.put(pick(random, names), hostile(random));
                    }
                }
            }
        }
        String text = FuzzValues.write(body);
        if (random.nextInt(25) == 0) {
            // Duplicate key: the later value wins in Jackson, or the parser refuses it.
            text = "{\"amount\":\"1.00\",\"amount\":" + FuzzValues.write(hostile(random)) + "," + text.substring(1);
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] broken(Map<String, Object> body, Random random) {
        String text = FuzzValues.write(body);
        String broken = switch (random.nextInt(6)) {
            case 0 -> text.substring(0, random.nextInt(text.length()));
            case 1 -> text.replace("\"", "'");
            case 2 -> text.replaceFirst("}$", ",}");
            case 3 -> "/* comment */" + text;
            case 4 -> text + text;
            default -> text.replace(":", " ");
        };
        return broken.getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, Object> valid(Target target, long index, Random random) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (Field field : target.fields()) {
            if (random.nextInt(8) == 0 && !field.name().endsWith("Id") && !field.name().equals("quantity")) {
                continue;
            }
            Object value = plausible(field, index, random);
            body.put(field.name(), field.type().equals("array") ? List.of(value) : value);
        }
        return body;
    }

    private Object plausible(Field field, long index, Random random) {
        if (!field.enumValues().isEmpty()) {
            return random.nextInt(15) == 0 ? "BOGUS" : pick(random, field.enumValues());
        }
        String name = field.name();
        return switch (name) {
            case "accountId", "issuerAccountId" -> pick(random, pool.accounts());
            case "symbol" -> random.nextInt(5) == 0 ? "ZZ" + random.nextInt(1000) : pick(random, pool.symbols());
            case "price" -> decimal(random, 2, 2_000);
            case "quantity", "supply", "maxOrderQuantity" -> decimal(random, random.nextBoolean() ? 0 : 4, 50);
            case "amount", "maxOrderNotional" -> decimal(random, 2, 500);
            case "tickSize" -> pick(random, List.of("0.01", "0.05", "1", "0"));
            case "lotSize" -> pick(random, List.of("0.0001", "1", "0.5"));
            case "makerFeeRate", "takerFeeRate", "marketCollarRate" -> pick(random, List.of("0.001", "0.002", "0", "0.5", "1"));
            case "clientOrderId", "adjustmentId" -> "fz-" + index;
            case "paymentId" -> random.nextBoolean() ? "fz-" + index : pick(random, pool.payments());
            case "provider" -> pick(random, List.of("simulator", "simulator", "paypal", "SIMULATOR"));
            case "userId" -> pick(random, List.of("fuzz-user-" + random.nextInt(5), "platform", "PLATFORM", "fuzz-trader-0"));
            case "name", "reason", "reference" -> FuzzValues.randomText(random, 30);
            default -> FuzzValues.randomText(random, 12);
        };
    }

    /** A plausible decimal: up to {@code maxUnits} units with {@code scale} decimals, sometimes negative. */
    private static String decimal(Random random, int scale, int maxUnits) {
        long units = random.nextInt(maxUnits + 1);
        String text = scale == 0 ? Long.toString(units)
                : units + "." + String.format("%0" + scale + "d", random.nextInt((int) Math.pow(10, scale)));
        return random.nextInt(15) == 0 ? "-" + text : text;
    }
}
