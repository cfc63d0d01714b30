package io.tandem.projection.copy;

import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.copy.CopyPositionView;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.projection.support.MarketValues;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The arithmetic of a copy's performance, exact until the documented roundings:
 * <ul>
 *   <li>a position's market value is its quantity at the last trade price, rounded down to a cent
 *       (no last price yet: zero);</li>
 *   <li>equity is the COPY account's cash (available + reserved) plus the exact sum of its positions
 *       at last prices, rounded down to a cent once (so it may exceed cash plus the rounded market
 *       values by less than a cent per position);</li>
 *   <li>the average price shown is the average cost rounded half-even to a tick; the unrealized P&amp;L
 *       is the market value minus the quantity at that average price, the latter rounded half-even to
 *       a cent;</li>
 *   <li>P&amp;L is equity minus the net invested amount (a closed copy: the cash returned minus it), and
 *       the P&amp;L percentage is P&amp;L / invested x 100 rounded half-even to two decimals (0.00 when
 *       nothing is invested).</li>
 * </ul>
 */
final class CopyValuation {

    private CopyValuation() {
    }

    /** One held position: its spec, quantity (available + reserved, lots), average cost in ticks (null: none) and last price. */
    record Holding(InstrumentSpec spec, long lots, BigDecimal averageTicks, Long lastPriceTicks) {

        BigDecimal exactValueCents() {
            return MarketValues.exactCents(spec, lots, lastPriceTicks);
        }

        long marketValueCents() {
            return MarketValues.marketValueCents(spec, lots, lastPriceTicks);
        }

        /** The average price rounded half-even to the tick, in ticks. */
        long averagePriceTicks() {
            return averageTicks == null ? 0 : averageTicks.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        }

        long costCents() {
            BigDecimal cost = BigDecimal.valueOf(Math.multiplyExact(averagePriceTicks(), lots))
                    .multiply(spec.tickSize()).multiply(spec.lotSize()).movePointRight(Cash.SCALE);
            return cost.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        }

        CopyPositionView view() {
            long marketValue = marketValueCents();
            return new CopyPositionView(spec.symbol().value(), spec.format(Quantity.ofLots(lots)), priceString(averagePriceTicks()),
                    lastPriceTicks == null ? null : spec.format(Price.ofTicks(lastPriceTicks)),
                    Cash.ofCents(marketValue).toDecimalString(),
                    Cash.ofCents(Math.subtractExact(marketValue, costCents())).toDecimalString());
        }

        private String priceString(long ticks) {
            BigDecimal value = spec.tickSize().multiply(BigDecimal.valueOf(ticks));
            return value.setScale(Math.max(0, spec.tickSize().stripTrailingZeros().scale()), RoundingMode.UNNECESSARY).toPlainString();
        }
    }

    static long equityCents(long cashCents, List<Holding> holdings) {
        BigDecimal value = BigDecimal.ZERO;
        for (Holding holding : holdings) {
            value = value.add(holding.exactValueCents());
        }
        return MarketValues.equityCents(cashCents, value);
    }

    static List<CopyPositionView> views(List<Holding> holdings) {
        List<CopyPositionView> views = new ArrayList<>(holdings.size());
        for (Holding holding : holdings) {
            views.add(holding.view());
        }
        return views;
    }

    static String percent(long pnlCents, long investedCents) {
        if (investedCents <= 0) {
            return "0.00";
        }
        return BigDecimal.valueOf(pnlCents).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(investedCents), 2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
