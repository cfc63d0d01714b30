package io.tandem.infra.security;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;

/**
 * A request refused because its user has no permit left in the current period. It carries the whole
 * seconds until the next permit, which the edge reports as a {@code Retry-After} header.
 */
public class RateLimitedException extends TandemException {

    private final long retryAfterSeconds;

    public RateLimitedException(String message, long retryAfterSeconds) {
        super(ErrorCode.RATE_LIMITED, message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
