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
 * <h2>Daily growth: time-weighted, and the chained index</h2>
 * E(d) is the equity at day d's close (cents; 0 before the account's first day). An external flow is a
 * credited deposit, a debited withdrawal, an admin adjustment or a copy transfer in or out (positions
 * at their market value at the time). Each flow splits the day: at the flow the account is valued at
 * that moment (cash + positions at the last prices seen, rounded down to a cent once, as equity is), the
 * sub-period ends there and the next one starts at that value plus the flow. With V(k) the value just
 * before the day's k-th flow F(k) (k = 1..n), the day's sub-period factors are
 * {@link #factor f(1) = V(1) / E(d-1), f(k) = V(k) / (V(k-1) + F(k-1)), f(n+1) = E(d) / (V(n) + F(n))},
 * each 1 when its start is not positive and otherwise rounded half-even to {@value #RATIO_SCALE}
 * decimals. The day grows by their product: {@link #growth g(d) = f(1)} without flows, else
 * g(d) = (f(1) x M) x f(n+1) with M = f(2) x ... x f(n) formed left to right (1 when n = 1), each
 * product rounded half-even to {@value #RATIO_SCALE} decimals. So a flow earns nothing and hides
 * nothing: withdrawing nearly everything after a 1% gain leaves g = 1.01, not (tiny E(d)) / (tiny
 * denominator); a deposit at the end of a losing day does not dilute the loss. A valuation day
 * written before flows were valued (no {@code flowValue}) keeps the earlier reading for that day,
 * g(d) = E(d) / (E(d-1) + net flow), until the performance group is replayed. The index chains the days
 * from I = 1: {@link #chain I(d) = I(d-1) x g(d)}, each product rounded half-even to
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
 *       sells; trades: buys and sells settled. The closing trade counted is the settled sell fill
 *       ({@code SellSettledEvent}), the unit the ledger realizes P&amp;L in, not the sell order: an order
 *       filled in three parts counts three times. A copy transfer out realizes P&amp;L but is no trade.</li>
 * </ul>
 * <h2>Worked example</h2>
 * Day 1 deposits 1,000.00 into an empty account and ends at E = 1,000.00: f(1) = 1 (start 0), f(2) =
 * 1000.00 / (0 + 1000.00) = 1, g = 1, I = 1. Day 2 ends at 1,100.00: g = 1.1, I = 1.1 (the peak). Day 3
 * ends at 990.00: g = 0.9, I = 0.99, drawdown (1.1 - 0.99) / 1.1 = 10%. Day 4 deposits 500.00 when the
 * account is worth 1,000.00 and ends at 1,500.00: f(1) = 1000 / 990 = 1.010101010101, f(2) = 1500 /
 * (1000 + 500) = 1, g = 1.010101010101, I = 0.99 x 1.010101010101 = 0.99999999999999, rounded
 * 1.000000000000. Over these 4 days: return 0.00, max drawdown 10.00; returns 0, 0.1, -0.1,
 * 0.010101010101 give a sample standard deviation of 0.0818057104..., volatility 0.0818057104... x
 * sqrt(365) x 100 = 156.29, risk score 10. (Counting the deposit at the start of day 4 would have given
 * 1500 / (990 + 500) = 1.006711409396 and hidden a third of the day's gain.)
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

    /** A sub-period's factor: value at its end / value at its start, 1 when the start is not positive, rounded half-even to 12 decimals. */
    public static BigDecimal factor(long endCents, long startCents) {
        if (startCents <= 0) {
            return BigDecimal.ONE.setScale(RATIO_SCALE);
        }
        return BigDecimal.valueOf(endCents).divide(BigDecimal.valueOf(startCents), RATIO_SCALE, RoundingMode.HALF_EVEN);
    }

    /**
     * g(d) of a day that ended at {@code equityCents}, the day before at {@code previousEquityCents},
     * with {@code flows}: f(1) without flows, else (f(1) x M) x f(n+1), each product rounded half-even
     * to 12 decimals; a day recorded without flow values reads E(d) / (E(d-1) + net flow).
     */
    public static BigDecimal growth(long equityCents, long previousEquityCents, DayFlows flows) {
        if (flows.firstValueCents() != null) {
            BigDecimal first = factor(flows.firstValueCents(), previousEquityCents);
            return chain(chain(first, flows.innerGrowth()), factor(equityCents, flows.lastStartCents()));
        }
        return factor(equityCents, Math.addExact(previousEquityCents, flows.netCents()));
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
     * What a day's external flows did, as the projector records them: their net amount, V(1) (the
     * value just before the first; null without flows, or on a day recorded before flows were valued),
     * M = f(2) x ... x f(n) (1 when n = 1) and V(n) + F(n), the value just after the last.
     */
    public record DayFlows(long netCents, Long firstValueCents, BigDecimal innerGrowth, long lastStartCents) {

        /** A day without flows. */
        public static final DayFlows NONE = new DayFlows(0, null, null, 0);

        /** A day recorded before flows were valued: only its net flow is known. */
        public static DayFlows unvalued(long netCents) {
            return new DayFlows(netCents, null, null, 0);
        }

        /** The flows so far plus one of {@code cents} when the account is worth {@code valueCents}. */
        public DayFlows plus(long cents, long valueCents) {
            long net = Math.addExact(netCents, cents);
            long start = Math.addExact(valueCents, cents);
            if (firstValueCents == null) {
                return netCents != 0 ? unvalued(net) : new DayFlows(net, valueCents, BigDecimal.ONE.setScale(RATIO_SCALE), start);
            }
            return new DayFlows(net, firstValueCents, chain(innerGrowth, factor(valueCents, lastStartCents)), start);
        }
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

        /** Adds a day without flows that ended at {@code equityCents}. */
        public Chain day(long equityCents) {
            return day(equityCents, DayFlows.NONE);
        }

        /** Adds a day that ended at {@code equityCents} after {@code flows}. */
        public Chain day(long equityCents, DayFlows flows) {
            BigDecimal growth = growth(equityCents, previousEquityCents, flows);
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
