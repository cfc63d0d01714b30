package io.tandem.contracts.common;

/**
 * A refused request with its {@link ErrorCode}. Aggregates throw it before applying any event, so a
 * refusal never leaves a partial write behind. Across a distributed command bus the code travels
 * as the details of Axon's {@code CommandExecutionException}.
 */
public class TandemException extends RuntimeException {

    private final ErrorCode code;

    public TandemException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    /**
     * An unknown aggregate, or one the caller may not see: both are reported with this one message,
     * so that a refusal never tells whether someone else's id exists.
     */
    public static TandemException notFound(ErrorCode code, Object id) {
        return new TandemException(code, code + ": " + id);
    }

    public ErrorCode code() {
        return code;
    }
}
