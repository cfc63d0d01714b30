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

    public ErrorCode code() {
        return code;
    }
}
