package io.tandem.infra.api;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;

import java.math.BigDecimal;

/** Decimal strings from request bodies ({@link PlainDecimal}); a value that is not a number is malformed input, never rounded. */
final class Decimals {

    private Decimals() {
    }

    static BigDecimal parse(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, field + " is required");
        }
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, field + ": '" + value + "' is not a decimal number");
        }
    }
}
