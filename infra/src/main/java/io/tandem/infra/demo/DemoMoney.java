package io.tandem.infra.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Decimal strings of the demo instruments' scales (prices in ticks of 0.01, quantities in lots of
 * 0.0001, cash in cents) to and from the whole numbers the demo computes with.
 */
final class DemoMoney {

    private DemoMoney() {
    }

    static String price(long ticks) {
        return BigDecimal.valueOf(ticks, DemoCast.TICK_SCALE).toPlainString();
    }

    static String quantity(long lots) {
        return BigDecimal.valueOf(lots, DemoCast.LOT_SCALE).stripTrailingZeros().toPlainString();
    }

    static String cash(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    /** Whole units of {@code scale} decimals in {@code decimal}, rounded down; 0 for null or unreadable text. */
    static long units(String decimal, int scale) {
        if (decimal == null || decimal.isBlank()) {
            return 0;
        }
        try {
            return new BigDecimal(decimal).movePointRight(scale).setScale(0, RoundingMode.DOWN).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return 0;
        }
    }
}
