package io.tandem.contracts.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount of the platform currency in minor units (cents). Arithmetic is exact and overflow is an
 * error: money is never silently wrapped or rounded here. Rounding happens only where a fee or a
 * fractional notional is converted to cents, and is documented at that place.
 */
public record Cash(@JsonValue long cents) implements Comparable<Cash> {

    public static final Cash ZERO = new Cash(0);
    public static final int SCALE = 2;

    @JsonCreator
    public static Cash ofCents(long cents) {
        return new Cash(cents);
    }

    /**
     * Parses a decimal amount such as {@code "10000.00"}. More than two decimals is malformed input,
     * never rounded.
     */
    public static Cash parse(String decimal) {
        if (decimal == null || decimal.isBlank()) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "amount is required");
        }
        try {
            BigDecimal value = new BigDecimal(decimal.trim());
            return new Cash(value.movePointRight(SCALE).setScale(0, RoundingMode.UNNECESSARY).longValueExact());
        } catch (NumberFormatException e) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "'" + decimal + "' is not a decimal amount");
        } catch (ArithmeticException e) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST,
                    "'" + decimal + "' has more than " + SCALE + " decimals or is too large");
        }
    }

    public Cash plus(Cash other) {
        return new Cash(Math.addExact(cents, other.cents));
    }

    public Cash minus(Cash other) {
        return new Cash(Math.subtractExact(cents, other.cents));
    }

    public Cash negate() {
        return new Cash(Math.negateExact(cents));
    }

    public boolean isNegative() {
        return cents < 0;
    }

    public boolean isPositive() {
        return cents > 0;
    }

    public boolean isZero() {
        return cents == 0;
    }

    public static Cash min(Cash a, Cash b) {
        return a.cents <= b.cents ? a : b;
    }

    public BigDecimal toDecimal() {
        return BigDecimal.valueOf(cents, SCALE);
    }

    /** Plain decimal string with exactly two decimals, e.g. {@code "10000.00"}. */
    public String toDecimalString() {
        return toDecimal().toPlainString();
    }

    @Override
    public int compareTo(Cash other) {
        return Long.compare(cents, other.cents);
    }

    @Override
    public String toString() {
        return toDecimalString();
    }
}
