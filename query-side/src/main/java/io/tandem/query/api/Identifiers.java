package io.tandem.query.api;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.payment.PaymentId;
import io.tandem.contracts.post.PostId;

/** Turns GraphQL arguments into typed ids, reporting a blank one as a malformed request rather than a crash. */
public final class Identifiers {

    private Identifiers() {
    }

    public static AccountId accountId(String value) {
        if (value == null || value.isBlank()) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "account id is required");
        }
        return AccountId.of(value);
    }

    public static Symbol symbol(String value) {
        if (value == null || value.isBlank()) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "symbol is required");
        }
        return Symbol.of(value);
    }

    public static PaymentId paymentId(String value) {
        if (value == null || value.isBlank()) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "payment id is required");
        }
        return PaymentId.of(value);
    }

    public static PostId postId(String value) {
        if (value == null || value.isBlank()) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "post id is required");
        }
        return PostId.of(value);
    }
}
