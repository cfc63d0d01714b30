package io.tandem.query.api;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.payment.PaymentId;
import io.tandem.contracts.post.PostId;

import java.util.regex.Pattern;

/** Turns GraphQL arguments into typed ids, reporting a blank one as a malformed request rather than a crash. */
public final class Identifiers {

    private static final Pattern LISTABLE_SYMBOL = Pattern.compile("[A-Z][A-Z0-9.]{0,11}");

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

    /**
     * A symbol that could name a listed book: what {@link io.tandem.contracts.orderbook.InstrumentSpec}
     * accepts at listing (1-12 upper-case letters, digits or dots, starting with a letter). Anything
     * else is malformed rather than unknown, so a subscription to it is refused instead of opened to
     * wait for pushes that can never come.
     */
    public static Symbol listableSymbol(String value) {
        Symbol symbol = symbol(value);
        if (!LISTABLE_SYMBOL.matcher(symbol.value()).matches()) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST,
                    "symbol must be 1-12 upper-case letters, digits or dots, starting with a letter");
        }
        return symbol;
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
