package io.tandem.query.api;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;

/** Validates the size arguments of paginated fields at the edge, before anything is queried. */
public final class PageArguments {

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;
    public static final int DEFAULT_DEPTH = 10;
    public static final int MAX_DEPTH = 100;

    private PageArguments() {
    }

    /** {@code first}: absent means 20, more than 100 is capped at 100, less than 1 is refused. */
    public static int pageSize(Integer first) {
        return bounded("first", first, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    }

    /** {@code depth}: absent means 10 levels, more than 100 is capped at 100, less than 1 is refused. */
    public static int depth(Integer depth) {
        return bounded("depth", depth, DEFAULT_DEPTH, MAX_DEPTH);
    }

    private static int bounded(String name, Integer requested, int defaultValue, int max) {
        if (requested == null) {
            return defaultValue;
        }
        if (requested < 1) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, name + " must be at least 1");
        }
        return Math.min(requested, max);
    }
}
