package io.tandem.query.api;

import java.util.List;
import java.util.function.Function;

/**
 * A Relay cursor connection: the page's items as edges, each with its opaque cursor, and the page
 * information a client needs to ask for the next page.
 */
public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo) {

    /** Builds a forward-paginated connection from a page of items and whether more follow. */
    public static <T> Connection<T> of(List<T> items, Function<T, String> cursor, boolean hasNextPage) {
        List<Edge<T>> edges = items.stream().map(item -> new Edge<>(cursor.apply(item), item)).toList();
        String start = edges.isEmpty() ? null : edges.get(0).cursor();
        String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new Connection<>(edges, new PageInfo(hasNextPage, false, start, end));
    }

    /**
     * Builds a forward-paginated connection whose end cursor is {@code endCursor} rather than the last
     * edge's: a page may leave out items it read (a post deleted or hidden since), and the next page
     * must still start after them.
     */
    public static <T> Connection<T> of(List<T> items, Function<T, String> cursor, boolean hasNextPage, String endCursor) {
        List<Edge<T>> edges = items.stream().map(item -> new Edge<>(cursor.apply(item), item)).toList();
        String start = edges.isEmpty() ? null : edges.get(0).cursor();
        String end = endCursor != null ? endCursor : edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new Connection<>(edges, new PageInfo(hasNextPage, false, start, end));
    }

    /** A page without items, with nothing after it. */
    public static <T> Connection<T> empty() {
        return new Connection<>(List.of(), new PageInfo(false, false, null, null));
    }

    /** One item of a page and the cursor that points right after it. */
    public record Edge<T>(String cursor, T node) {
    }

    /** Pagination is forward only, so there is never a previous page to report. */
    public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
    }
}
