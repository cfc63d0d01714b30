package io.tandem.query.api;

import graphql.analysis.FieldComplexityEnvironment;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLTypeUtil;

import java.util.Map;

/**
 * Limits how many values an operation may ask for, counting what its pages multiply: the list a
 * paginated field answers (a connection's {@code edges} under {@code first}, an order book's
 * {@code bids} and {@code asks} under {@code depth}) costs its page size, as
 * {@link PageArguments} will apply it (absent: the default, above the maximum: the maximum), times
 * what one of its items selects. Every other field costs one plus its children, so an operation
 * without pages costs what it selects.
 * <p>
 * Counting fields alone lets 39 aliases of {@code trades(first: 100)} through (3,900 documents read
 * and written for 200 fields); counted this way they cost more than ten times the limit. A full page
 * of 100 orders with every field, or an order book 100 levels deep, stays well within it. The cost is
 * computed from the document and its variables before anything runs; introspection has no pages
 * and is left to the field limit.
 * <p>
 * A top-level list without page arguments whose length has no small bound ({@code copies}: every copy
 * ever started from an account, closed ones included) costs as a default page of
 * {@link PageArguments#DEFAULT_PAGE_SIZE} items: otherwise a page of each copy's orders under it
 * would be counted once however many copies answer. {@code instruments} (every listed instrument, each
 * with its last price and 24-hour change) costs the same. {@code equityHistory} (up to 1,000 days) is counted
 * as {@value #EQUITY_HISTORY_ITEMS} days.
 */
class OperationCostLimit extends MaxQueryComplexityInstrumentation {

    OperationCostLimit(int maxCost) {
        super(maxCost, OperationCostLimit::cost, info -> !IntrospectionOperations.isIntrospectionOnly(info));
    }

    /** {@code equityHistory} answers up to 1,000 days: counted as 100, so that a full series fits and a few aliases of it do not. */
    static final int EQUITY_HISTORY_ITEMS = 100;

    /** Top-level lists without page arguments and the number of items each is counted as. */
    private static final Map<String, Integer> UNPAGED_LISTS = Map.of("copies", PageArguments.DEFAULT_PAGE_SIZE,
            "instruments", PageArguments.DEFAULT_PAGE_SIZE, "equityHistory", EQUITY_HISTORY_ITEMS);

    static int cost(FieldComplexityEnvironment field, int childrenCost) {
        long own = 1L + childrenCost;
        FieldComplexityEnvironment parent = field.getParentEnvironment();
        if (parent == null && isList(field.getFieldDefinition()) && field.getField() != null) {
            own *= UNPAGED_LISTS.getOrDefault(field.getField().getName(), 1);
        }
        if (parent != null && isList(field.getFieldDefinition())) {
            if (hasArgument(parent, "first")) {
                own *= pageSize(parent.getArguments().get("first"), PageArguments.DEFAULT_PAGE_SIZE, PageArguments.MAX_PAGE_SIZE);
            } else if (hasArgument(parent, "depth")) {
                own *= pageSize(parent.getArguments().get("depth"), PageArguments.DEFAULT_DEPTH, PageArguments.MAX_DEPTH);
            }
        }
        return (int) Math.min(own, Integer.MAX_VALUE);
    }

    @Override
    protected AbortExecutionException mkAbortException(int totalCost, int maximumCost) {
        return new QueryTooComplex("maximum query complexity exceeded: the operation asks for up to " + totalCost
                + " values (page sizes times the fields selected per item), at most " + maximumCost
                + " are allowed; ask for smaller or fewer pages");
    }

    private static boolean isList(GraphQLFieldDefinition definition) {
        return definition != null && GraphQLTypeUtil.unwrapNonNull(definition.getType()) instanceof GraphQLList;
    }

    private static boolean hasArgument(FieldComplexityEnvironment field, String name) {
        return field.getFieldDefinition() != null && field.getFieldDefinition().getArgument(name) != null;
    }

    /** The page size the resolver will use; a size it refuses costs one, since the refusal reads nothing. */
    private static long pageSize(Object requested, int defaultSize, int maxSize) {
        if (!(requested instanceof Number number)) {
            return defaultSize;
        }
        return Math.max(1, Math.min(number.longValue(), maxSize));
    }
}
