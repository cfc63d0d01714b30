package io.tandem.projection.support;

import org.bson.Document;

/** Reads whole numbers from BSON documents, whichever integer width the server stored them in. */
public final class Numbers {

    private Numbers() {
    }

    /** The value of {@code field} as a long; a missing field counts as zero (nothing applied yet). */
    public static long longOf(Document document, String field) {
        Object value = document == null ? null : document.get(field);
        if (value == null) {
            return 0L;
        }
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw new IllegalStateException("field " + field + " holds " + value.getClass().getSimpleName() + ", not an integer");
    }
}
