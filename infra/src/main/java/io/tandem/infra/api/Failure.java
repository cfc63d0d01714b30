package io.tandem.infra.api;

import io.tandem.contracts.common.ErrorCode;
import org.springframework.http.HttpStatus;

/**
 * A refused request as the edge reports it: HTTP status, machine-readable code and a sentence for
 * people. The status follows from the code's category, in this one place.
 */
public record Failure(HttpStatus status, String code, String detail) {

    public static Failure of(ErrorCode code, String detail) {
        return new Failure(statusOf(code.category()), code.name(), detail);
    }

    public boolean is(ErrorCode errorCode) {
        return code.equals(errorCode.name());
    }

    public static HttpStatus statusOf(ErrorCode.Category category) {
        return switch (category) {
            case MALFORMED -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case REJECTED -> HttpStatus.UNPROCESSABLE_ENTITY;
            case TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
        };
    }
}
