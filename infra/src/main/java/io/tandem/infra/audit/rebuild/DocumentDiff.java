package io.tandem.infra.audit.rebuild;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares a live collection with its rebuilt shadow, both streamed in {@code _id} order and walked
 * side by side (merge join), so memory stays flat however large the read model. Numbers compare by
 * value (an int 5, a long 5 and a double 5.0 are equal) and field order does not matter; list order
 * does. Ids compare as MongoDB sorts them: by type (numbers, strings, documents...), strings by
 * {@link String#compareTo} as mongo-java-server does (MongoDB's binary UTF-8 order differs only for
 * characters outside the Basic Multilingual Plane). Used by {@link ReadModelVerifier}.
 */
public final class DocumentDiff {

    /** The outcome for one read model: counts and the first differences. */
    public record Result(String collection, long live, long rebuilt, long differences, List<String> first) {
    }

    private DocumentDiff() {
    }

    static Result compare(String logical, MongoCollection<Document> live, MongoCollection<Document> rebuilt, int keep) {
        List<String> first = new ArrayList<>();
        long differences = 0;
        long liveCount = 0;
        long rebuiltCount = 0;
        try (MongoCursor<Document> a = live.find().sort(Sorts.ascending("_id")).iterator();
             MongoCursor<Document> b = rebuilt.find().sort(Sorts.ascending("_id")).iterator()) {
            Document x = a.hasNext() ? a.next() : null;
            Document y = b.hasNext() ? b.next() : null;
            while (x != null || y != null) {
                int order = x == null ? 1 : y == null ? -1 : ID_ORDER.compare(normalize(x.get("_id")), normalize(y.get("_id")));
                String difference = null;
                if (order < 0) {
                    difference = "extra in the live read model: _id=" + printable(x.get("_id"));
                } else if (order > 0) {
                    difference = "missing from the live read model: _id=" + printable(y.get("_id"));
                } else {
                    List<String> fields = new ArrayList<>();
                    fields(normalize(x), normalize(y), "", fields);
                    if (!fields.isEmpty()) {
                        difference = "differs: _id=" + printable(x.get("_id")) + " " + String.join("; ", fields);
                    }
                }
                if (difference != null) {
                    differences++;
                    if (first.size() < keep) {
                        first.add(difference);
                    }
                }
                if (order <= 0) {
                    liveCount++;
                    x = a.hasNext() ? a.next() : null;
                }
                if (order >= 0) {
                    rebuiltCount++;
                    y = b.hasNext() ? b.next() : null;
                }
            }
        }
        return new Result(logical, liveCount, rebuiltCount, differences, first);
    }

    private static void fields(Object live, Object rebuilt, String path, List<String> out) {
        if (live instanceof Map<?, ?> a && rebuilt instanceof Map<?, ?> b) {
            TreeSet<String> keys = new TreeSet<>();
            a.keySet().forEach(key -> keys.add(String.valueOf(key)));
            b.keySet().forEach(key -> keys.add(String.valueOf(key)));
            for (String key : keys) {
                fields(a.get(key), b.get(key), path.isEmpty() ? key : path + "." + key, out);
            }
            return;
        }
        if (!Objects.equals(live, rebuilt)) {
            out.add(path + ": live=" + printable(live) + " rebuilt=" + printable(rebuilt));
        }
    }

    /** Numbers as stripped BigDecimals, documents as sorted maps, lists element by element. */
    static Object normalize(Object value) {
        if (value instanceof Decimal128 decimal) {
            return decimal.isNaN() || decimal.isInfinite() ? decimal.toString() : decimal.bigDecimalValue().stripTrailingZeros();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d).stripTrailingZeros() : value.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros();
        }
        if (value instanceof Number number) {
            return BigDecimal.valueOf(number.longValue());
        }
        if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            map.forEach((key, v) -> sorted.put(String.valueOf(key), normalize(v)));
            return sorted;
        }
        if (value instanceof Collection<?> list) {
            List<Object> normalized = new ArrayList<>(list.size());
            list.forEach(element -> normalized.add(normalize(element)));
            return normalized;
        }
        return value;
    }

    private static int rank(Object value) {
        if (value == null) {
            return 1;
        }
        if (value instanceof BigDecimal) {
            return 2;
        }
        if (value instanceof String) {
            return 3;
        }
        if (value instanceof Map<?, ?>) {
            return 4;
        }
        if (value instanceof List<?>) {
            return 5;
        }
        if (value instanceof org.bson.types.ObjectId) {
            return 7;
        }
        if (value instanceof Boolean) {
            return 8;
        }
        if (value instanceof java.util.Date) {
            return 9;
        }
        return 10;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Comparator<Object> ID_ORDER = (a, b) -> {
        int byType = Integer.compare(rank(a), rank(b));
        if (byType != 0) {
            return byType;
        }
        if (a instanceof Comparable comparable && a.getClass() == b.getClass()) {
            return comparable.compareTo(b);
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    };

    private static String printable(Object value) {
        String text = String.valueOf(value).replace('\u0001', '|').replace('\u0000', '^');
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
