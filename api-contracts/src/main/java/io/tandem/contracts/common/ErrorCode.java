package io.tandem.contracts.common;

import java.util.Arrays;
import java.util.Optional;

/**
 * Machine-readable reasons for refusing a request. Each code belongs to a {@link Category}; the edge
 * (REST problem details, GraphQL errors) maps categories to transport statuses in one place.
 */
public enum ErrorCode {
    MALFORMED_REQUEST(Category.MALFORMED),
    UNAUTHENTICATED(Category.UNAUTHENTICATED),
    FORBIDDEN(Category.FORBIDDEN),
    NOT_ACCOUNT_OWNER(Category.FORBIDDEN),
    ACCOUNT_NOT_FOUND(Category.NOT_FOUND),
    ORDER_NOT_FOUND(Category.NOT_FOUND),
    INSTRUMENT_NOT_FOUND(Category.NOT_FOUND),
    ACCOUNT_ALREADY_EXISTS(Category.CONFLICT),
    INSTRUMENT_ALREADY_LISTED(Category.CONFLICT),
    ORDER_NOT_OPEN(Category.CONFLICT),
    ORDER_CONFLICT(Category.CONFLICT),
    ADJUSTMENT_CONFLICT(Category.CONFLICT),
    CONCURRENT_MODIFICATION(Category.CONFLICT),
    UNKNOWN_INSTRUMENT(Category.REJECTED),
    INVALID_INSTRUMENT(Category.REJECTED),
    INSUFFICIENT_FUNDS(Category.REJECTED),
    INSUFFICIENT_POSITION(Category.REJECTED),
    INVALID_TICK(Category.REJECTED),
    INVALID_LOT(Category.REJECTED),
    INVALID_PRICE(Category.REJECTED),
    INVALID_QUANTITY(Category.REJECTED),
    ORDER_SIZE_LIMIT(Category.REJECTED),
    ORDER_NOTIONAL_LIMIT(Category.REJECTED),
    NO_REFERENCE_PRICE(Category.REJECTED),
    INVALID_AMENDMENT(Category.REJECTED),
    AMOUNT_TOO_LARGE(Category.REJECTED),
    PAYMENT_NOT_FOUND(Category.NOT_FOUND),
    UNKNOWN_PAYMENT_PROVIDER(Category.NOT_FOUND),
    PAYMENT_CONFLICT(Category.CONFLICT),
    AMOUNT_BELOW_MINIMUM(Category.REJECTED),
    AMOUNT_ABOVE_MAXIMUM(Category.REJECTED),
    DAILY_WITHDRAWAL_LIMIT(Category.REJECTED),
    INVALID_SIGNATURE(Category.UNAUTHENTICATED),
    PROVIDER_NOT_ALLOWED(Category.REJECTED),
    ORDER_NOTIONAL_TOO_SMALL(Category.REJECTED),
    PAYLOAD_TOO_LARGE(Category.TOO_LARGE),
    QUERY_TOO_COMPLEX(Category.TOO_LARGE),
    HANDLE_TAKEN(Category.CONFLICT),
    TRADER_NOT_FOUND(Category.NOT_FOUND),
    PROFILE_REQUIRED(Category.REJECTED),
    CANNOT_FOLLOW_SELF(Category.REJECTED),
    BLOCKED(Category.FORBIDDEN),
    POST_NOT_FOUND(Category.NOT_FOUND),
    COMMENT_NOT_FOUND(Category.NOT_FOUND),
    POST_CONFLICT(Category.CONFLICT),
    COMMENT_CONFLICT(Category.CONFLICT),
    INVALID_TEXT(Category.REJECTED),
    UNKNOWN_MENTION(Category.REJECTED),
    COPY_NOT_FOUND(Category.NOT_FOUND),
    COPY_CONFLICT(Category.CONFLICT),
    CANNOT_COPY_SELF(Category.REJECTED),
    LEADER_NOT_COPYABLE(Category.REJECTED),
    COPY_SLOTS_FULL(Category.CONFLICT),
    TOO_MANY_COPIES(Category.CONFLICT),
    INVALID_STOP_LOSS(Category.REJECTED),
    COPY_NOT_ACTIVE(Category.CONFLICT),
    COPY_ACCOUNT_MANAGED(Category.CONFLICT),
    NO_COPIED_POSITION(Category.REJECTED),
    RATE_LIMITED(Category.RATE_LIMITED);

    /** How a code is reported at the edge: 400, 401, 403, 404, 409, 422 and 429 respectively. */
    public enum Category { MALFORMED, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, REJECTED, TOO_LARGE, RATE_LIMITED }

    private final Category category;

    ErrorCode(Category category) {
        this.category = category;
    }

    public Category category() {
        return category;
    }

    /**
     * The code carried as the details of a remote failure (Axon's {@code CommandExecutionException}
     * or {@code QueryExecutionException}): the code itself, or its name after serialization.
     * Anything else, including an unknown name, is no code.
     */
    public static Optional<ErrorCode> fromDetails(Object details) {
        if (details instanceof ErrorCode code) {
            return Optional.of(code);
        }
        if (details instanceof String name) {
            return Arrays.stream(values()).filter(code -> code.name().equals(name)).findFirst();
        }
        return Optional.empty();
    }
}
