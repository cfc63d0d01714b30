package io.tandem.projection.performance;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The published performance formulas (GraphQL {@code Portfolio}, {@code EquityDay} and {@code TraderStats}),
 * stated once, as pure functions on exact numbers. Cash is in whole cents throughout.
 * <h2>Portfolio</h2>
 * A position's cost basis is what its buys cost, fees included (notional + fee); a position that
 * arrives by transfer (copy funding) enters at its market value at the time. A sell takes the share
 * sold of the cost basis, {@link #costShare cost x sold / held rounded half-even to a cent} (all of
 * it when the position is emptied), and realizes (notional - fee) - share. A transfer out takes its
 * share the same way and realizes (market value at the time) - share, so that realized + unrealized
 * P&amp;L keeps following equity - net deposits. Average price: {@link #averagePriceTicks cost basis /
 * quantity rounded half-even to a tick}. Market values and equity: see
 * {@link io.tandem.projection.support.MarketValues}.
 * <h2>Daily growth and the chained index</h2>
 * With E(d) the equity at day d's close (cents; 0 before the account's first day) and F(d) the day's
 * net flow (deposits - withdrawals + adjustments + transfers in - transfers out, positions at their
 * market value at the time), each day grows by {@link #growth g(d) = E(d) / (E(d-1) + F(d))}, 1 when
 * the denominator is not positive, rounded half-even to {@value #RATIO_SCALE} decimals. The index
 * chains them from I = 1: {@link #chain I(d) = I(d-1) x g(d)}, each product rounded half-even to
 * {@value #RATIO_SCALE} decimals. The days of a period are those of its window (the last 7, 30 or 90
 * UTC days up to today, today included) from the account's first day on; ALL is every day from the
 * account's first day to today. The first day of a window grows from E of the day before it.
 * <h2>Figures (each percentage rounded half-even to two decimals)</h2>
 * <ul>
 *   <li>return: (I(last) - 1) x 100;</li>
 *   <li>max drawdown: the largest (peak - I) / peak x 100 over the period's days, the peak being the
 *       running maximum of I since the period's start (I = 1); the fraction is computed to 34
 *       significant digits before the final rounding;</li>
 *   <li>volatility: the sample standard deviation of the n daily returns r = g(d) - 1 times
 *       sqrt(365), x 100, null below two days. Computed from the exact sums: variance =
 *       (n x sum(r^2) - sum(r)^2) / (n x (n - 1)), the division and the square root of 365 x variance
 *       to 34 significant digits ({@link MathContext#DECIMAL128}), then rounded;</li>
 *   <li>risk score: from the volatility percentage as published (two decimals) by the band table
 *       {@link #riskScore <= 1: 1, <= 5: 2, <= 10: 3, <= 15: 4, <= 20: 5, <= 25: 6, <= 35: 7, <= 50: 8,
 *       <= 75: 9, else 10}; null with the volatility;</li>
 *   <li>win rate: sells settled with a positive realized P&amp;L / sells settled x 100, null without
 *       sells; trades: buys and sells settled.</li>
 * </ul>
 * <h2>Worked example</h2>
 * Day 1 deposits 1,000.00 and ends at E = 1,000.00: g = 1000.00 / (0 + 1000.00) = 1, I = 1. Day 2 ends
 * at 1,100.00: g = 1.1, I = 1.1 (the peak). Day 3 ends at 990.00: g = 0.9, I = 0.99, drawdown
 * (1.1 - 0.99) / 1.1 = 10%. Day 4 deposits 500.00 and ends at 1,500.00: g = 1500 / (990 + 500) =
 * 1.006711409396, I = 0.99 x 1.006711409396 = 0.996644295302. Over these 4 days: return
 * (0.996644295302 - 1) x 100 = -0.34, max drawdown 10.00; returns 0, 0.1, -0.1, 0.006711409396 give a
 * sample standard deviation of 0.0817185867..., volatility 0.0817185867... x sqrt(365) x 100 = 156.12, risk
 * score 10.
 */
public final class PerformanceFormulas {

    /** Decimals of growth factors and of the index. */
    public static final int RATIO_SCALE = 12;
    /** Decimals of every published percentage. */
    public static final int PERCENT_SCALE = 2;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal DAYS_PER_YEAR = BigDecimal.valueOf(365);
    /** Upper bounds (inclusive) of the risk bands 1 to 9; above the last: 10. */
    private static final BigDecimal[] RISK_BANDS = {
            BigDecimal.valueOf(1), BigDecimal.valueOf(5), BigDecimal.valueOf(10), BigDecimal.valueOf(15),
            BigDecimal.valueOf(20), BigDecimal.valueOf(25), BigDecimal.valueOf(35), BigDecimal.valueOf(50),
            BigDecimal.valueOf(75)};

    private PerformanceFormulas() {
    }

    /** g(d) = E(d) / (E(d-1) + F(d)), 1 when the denominator is not positive, rounded half-even to 12 decimals. */
    public static BigDecimal growth(long equityCents, long previousEquityCents, long flowCents) {
        long denominator = Math.addExact(previousEquityCents, flowCents);
        if (denominator <= 0) {
            return BigDecimal.ONE.setScale(RATIO_SCALE);
        }
        return BigDecimal.valueOf(equityCents).divide(BigDecimal.valueOf(denominator), RATIO_SCALE, RoundingMode.HALF_EVEN);
    }

    /** I(d) = I(d-1) x g(d), rounded half-even to 12 decimals. */
    public static BigDecimal chain(BigDecimal index, BigDecimal growth) {
        return index.multiply(growth).setScale(RATIO_SCALE, RoundingMode.HALF_EVEN);
    }

    /** (I - 1) x 100, two decimals. */
    public static String returnPercent(BigDecimal index) {
        return percent(index.subtract(BigDecimal.ONE));
    }

    /** (peak - I) / peak, to 34 significant digits; zero when I is at or above the peak. */
    public static BigDecimal drawdown(BigDecimal peak, BigDecimal index) {
        if (index.compareTo(peak) >= 0 || peak.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        return peak.subtract(index).divide(peak, MathContext.DECIMAL128);
    }

    /** A fraction as a percentage: x 100, rounded half-even to two decimals. */
    public static String percent(BigDecimal fraction) {
        return fraction.multiply(HUNDRED).setScale(PERCENT_SCALE, RoundingMode.HALF_EVEN).toPlainString();
    }

    /**
     * The annualized volatility percentage of {@code days} daily returns whose sum and sum of squares
     * are given (exact), or null below two days.
     */
    public static String volatilityPercent(long days, BigDecimal sum, BigDecimal sumOfSquares) {
        if (days < 2) {
            return null;
        }
        BigDecimal n = BigDecimal.valueOf(days);
        BigDecimal numerator = n.multiply(sumOfSquares).subtract(sum.multiply(sum));
        if (numerator.signum() <= 0) {
            return BigDecimal.ZERO.setScale(PERCENT_SCALE).toPlainString();
        }
        BigDecimal variance = numerator.divide(n.multiply(BigDecimal.valueOf(days - 1)), MathContext.DECIMAL128);
        return variance.multiply(DAYS_PER_YEAR).sqrt(MathContext.DECIMAL128).multiply(HUNDRED)
                .setScale(PERCENT_SCALE, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** The risk score 1-10 of a volatility percentage (as published, two decimals); null for null. */
    public static Integer riskScore(String volatilityPercent) {
        if (volatilityPercent == null) {
            return null;
        }
        BigDecimal volatility = new BigDecimal(volatilityPercent);
        for (int band = 0; band < RISK_BANDS.length; band++) {
            if (volatility.compareTo(RISK_BANDS[band]) <= 0) {
                return band + 1;
            }
        }
        return RISK_BANDS.length + 1;
    }

    /** Winning sells / sells x 100, two decimals; null without sells. */
    public static String winRatePercent(long sells, long winningSells) {
        if (sells <= 0) {
            return null;
        }
        return BigDecimal.valueOf(winningSells).multiply(HUNDRED)
                .divide(BigDecimal.valueOf(sells), PERCENT_SCALE, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** The share of {@code costCents} that {@code sold} of {@code held} take: all of it when emptied, else cost x sold / held half-even. */
    public static long costShare(long costCents, long sold, long held) {
        if (held <= 0 || sold >= held) {
            return costCents;
        }
        return BigDecimal.valueOf(costCents).multiply(BigDecimal.valueOf(sold))
                .divide(BigDecimal.valueOf(held), 0, RoundingMode.HALF_EVEN).longValueExact();
    }

    /**
     * The average price of {@code lots} that cost {@code costCents}, in whole ticks: cost / quantity
     * rounded half-even to the tick ({@code tickSize} and {@code lotSize} the instrument's).
     */
    public static long averagePriceTicks(long costCents, long lots, BigDecimal tickSize, BigDecimal lotSize) {
        BigDecimal perTickLot = tickSize.multiply(lotSize).movePointRight(2).multiply(BigDecimal.valueOf(lots));
        return BigDecimal.valueOf(costCents).divide(perTickLot, 0, RoundingMode.HALF_EVEN).longValueExact();
    }

    /**
     * The running figures of consecutive days of one period: the index, its peak, the largest drawdown,
     * the number of days and the exact sums of the daily returns and their squares. Mutable; a
     * {@link #copy} extends a shared prefix (the days up to yesterday) by today.
     */
    public static final class Chain {

        private BigDecimal index = BigDecimal.ONE.setScale(RATIO_SCALE);
        private BigDecimal peak = index;
        private BigDecimal maxDrawdown = BigDecimal.ZERO;
        private BigDecimal sum = BigDecimal.ZERO;
        private BigDecimal sumOfSquares = BigDecimal.ZERO;
        private long days;
        private long previousEquityCents;

        /** A chain whose first day grows from {@code equityBeforeCents} (E of the day before; 0 before the first day). */
        public Chain(long equityBeforeCents) {
            this.previousEquityCents = equityBeforeCents;
        }

        /** Adds a day that ended at {@code equityCents} with {@code flowCents} of net flow. */
        public Chain day(long equityCents, long flowCents) {
            BigDecimal growth = growth(equityCents, previousEquityCents, flowCents);
            index = chain(index, growth);
            if (index.compareTo(peak) > 0) {
                peak = index;
            } else {
                BigDecimal drawdown = drawdown(peak, index);
                if (drawdown.compareTo(maxDrawdown) > 0) {
                    maxDrawdown = drawdown;
                }
            }
            BigDecimal dailyReturn = growth.subtract(BigDecimal.ONE);
            sum = sum.add(dailyReturn);
            sumOfSquares = sumOfSquares.add(dailyReturn.multiply(dailyReturn));
            days++;
            previousEquityCents = equityCents;
            return this;
        }

        public Chain copy() {
            Chain copy = new Chain(previousEquityCents);
            copy.index = index;
            copy.peak = peak;
            copy.maxDrawdown = maxDrawdown;
            copy.sum = sum;
            copy.sumOfSquares = sumOfSquares;
            copy.days = days;
            return copy;
        }

        public BigDecimal index() {
            return index;
        }

        public long days() {
            return days;
        }

        public String returnPercent() {
            return PerformanceFormulas.returnPercent(index);
        }

        public String maxDrawdownPercent() {
            return percent(maxDrawdown);
        }

        public String volatilityPercent() {
            return PerformanceFormulas.volatilityPercent(days, sum, sumOfSquares);
        }
    }
}
