package io.tandem.projection.support;

import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.orderbook.InstrumentSpec;

import java.math.BigDecimal;

/**
 * Positions valued at a price, the one way every read model does it (the copies' performance and the
 * portfolio valuation), so that an equity shown in one place is the equity another place acts on:
 * a position is worth its quantity at the price, exact (possibly a fraction of a cent); a position's
 * market value is that rounded down to a cent, zero without a price; an equity is cash plus the exact
 * sum of its positions, rounded down to a cent once.
 */
public final class MarketValues {

    private MarketValues() {
    }

    /** {@code lots} at {@code priceTicks} in cents, exact; zero when there is no price yet. */
    public static BigDecimal exactCents(InstrumentSpec spec, long lots, Long priceTicks) {
        return priceTicks == null ? BigDecimal.ZERO : spec.notionalCents(Price.ofTicks(priceTicks), Quantity.ofLots(lots));
    }

    /** {@code lots} at {@code priceTicks} rounded down to a cent; zero when there is no price yet. */
    public static long marketValueCents(InstrumentSpec spec, long lots, Long priceTicks) {
        return InstrumentSpec.floorCents(exactCents(spec, lots, priceTicks));
    }

    /** Cash plus the exact sum of position values, rounded down to a cent once. */
    public static long equityCents(long cashCents, BigDecimal exactPositionsCents) {
        return Math.addExact(cashCents, InstrumentSpec.floorCents(exactPositionsCents));
    }
}
