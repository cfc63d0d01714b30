package io.tandem.command.copy;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The copy stop-loss rule, in one place for copy entry (which checks requests at the door) and the
 * copy aggregate (which checks again as its guard and computes the threshold): a percentage from 5 to
 * 95 with at most two decimals, and the equity at or below which the copy stops.
 */
final class CopyStopLoss {

    private static final BigDecimal MIN = BigDecimal.valueOf(5);
    private static final BigDecimal MAX = BigDecimal.valueOf(95);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private CopyStopLoss() {
    }

    /** Parses a request's percentage ({@code "10"}, {@code "12.5"}, {@code "7.25"}), at scale 2 so that "10" and "10.00" are the same. */
    static BigDecimal parse(String value) {
        BigDecimal percent;
        try {
            percent = value == null ? null : new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            percent = null;
        }
        return check(percent).setScale(2);
    }

    /** The percentage itself, or INVALID_STOP_LOSS. */
    static BigDecimal check(BigDecimal percent) {
        if (percent == null || percent.stripTrailingZeros().scale() > 2 || percent.compareTo(MIN) < 0
                || percent.compareTo(MAX) > 0) {
            throw new TandemException(ErrorCode.INVALID_STOP_LOSS, "stopLossPercent must be a number from 5 to 95 with at most two decimals");
        }
        return percent;
    }

    /**
     * {@code invested x (100 - percent) / 100}, rounded down to a cent: the stop fires at or below it.
     * Equities are whole cents, so "equity <= floor(T)" is exactly the "equity <= T"; rounding
     * up would fire up to a cent early (1000.07 at 40.5% is 595.04165: 595.04, not 595.05).
     */
    static long threshold(long investedCents, BigDecimal percent) {
        return BigDecimal.valueOf(investedCents).multiply(HUNDRED.subtract(percent))
                .divide(HUNDRED, 0, RoundingMode.DOWN).longValueExact();
    }
}
