package io.tandem;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The vocabulary of the fuzz test: hostile JSON values, hostile strings, and a tiny JSON writer
 * that can also write what no JSON library would (raw literals such as {@code 1e999999999},
 * {@code NaN} or a 2,000-digit number). Everything is drawn from a caller's seeded {@link Random}.
 */
final class FuzzValues {

    /** A JSON literal written exactly as given, valid JSON or not. */
    record Raw(String text) {
    }

    static final List<String> HOSTILE_STRINGS = List.of(
            "", " ", "0", "-0", "-1", "-10.00", "1e999999999", "1E+3", "-1e-999999999", "0.000000000000000001",
            "99999999999999999999", "999999999999999999.999999999999999999", "9223372036854775807",
            "92233720368547758.07", "1,000.00", "10.001", " 10.00 ", "+5", ".5", "5.", "NaN", "Infinity", "-Infinity",
            "０１２", "\u0663\u0664", "ünïcødé", "😀💸", "\u202Eevil", "\u0000", "\uFEFF10", "\\u0000", "null", "true",
            "../../etc/passwd", "<script>alert(1)</script>", "' OR '1'='1' --", "${jndi:ldap://x/a}", "%s%n%x",
            "BUY", "MARKET", "platform-fees", "platform", "ADMIN", "simulator", "\r\nX-Injected: 1", "a b",
            "x".repeat(65), "y".repeat(5_000), "é".repeat(20_000));

    static final List<String> HOSTILE_RAW = List.of(
            "1e999999999", "-1e999999999", "1e-999999999", "9223372036854775808", "-9223372036854775809",
            "123456789012345678901234567890.5", "0", "-0", "-1", "1.5", "true", "false", "null", "[]", "{}",
            "[1,2,3]", "[\"BUY\",\"SELL\"]", "{\"a\":{\"b\":[null]}}", "NaN", "Infinity", "0x10", "01", "1.", ".1",
            "\"\\ud800\"", "\"\\u0000\"", "1".repeat(2_000), "[" .repeat(50) + "]".repeat(50));

    private FuzzValues() {
    }

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    static Object hostile(Random random) {
        return random.nextBoolean() ? pick(random, HOSTILE_STRINGS) : new Raw(pick(random, HOSTILE_RAW));
    }

    /** A string of random code points: ASCII, Latin, CJK, emoji, controls and lone surrogates. */
    static String randomText(Random random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(6)) {
                case 0 -> text.append((char) (0x20 + random.nextInt(0x5f)));
                case 1 -> text.append((char) (0xa0 + random.nextInt(0x100)));
                case 2 -> text.append((char) (0x4e00 + random.nextInt(0x500)));
                case 3 -> text.appendCodePoint(0x1f600 + random.nextInt(0x50));
                case 4 -> text.append((char) random.nextInt(0x20));
                default -> text.append((char) (0xd800 + random.nextInt(0x800)));
            }
        }
        return text.toString();
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Raw raw) {
            out.append(raw.text());
        } else if (value instanceof String text) {
            out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(text)).append('"');
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> entry : ((Map<String, Object>) map).entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(entry.getKey(), out);
                out.append(':');
                write(entry.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass());
        }
    }
}
