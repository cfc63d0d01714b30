package io.tandem.command.orderentry;

import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.orderbook.InstrumentSpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

import static io.tandem.contracts.orderbook.InstrumentSpec.ceilCents;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the amendments, everything a buy order has had reserved covers what it can be billed
 * in total: its past fills plus its whole open part filled at its limit and the larger fee rate,
 * each of notional and fee rounded up over the whole order as settlement bills it. Order entry
 * learns the filled quantity only from its own commands, so amendments are computed with a filled
 * quantity that may lag the book's. Tick and lot sizes make notionals fractional cents, so that
 * both roundings can bite on one order; that is rare enough that the single-amendment property runs
 * ten times the usual tries, which makes it fail reliably if the amendment reserved a cent less.
 */
class AmendReservationProperties {

    @Property(tries = 10_000)
    void aBuyOrderStaysCoveredAfterAnAmendmentWhateverFilledUnseen(@ForAll("specs") InstrumentSpec spec,
                                                                   @ForAll @LongRange(min = 1, max = 100_000) long oldTicks,
                                                                   @ForAll @LongRange(min = 1, max = 100_000) long newTicks,
                                                                   @ForAll @LongRange(min = 1, max = 10_000) long oldLots,
                                                                   @ForAll @LongRange(min = 1, max = 10_000) long newLots,
                                                                   @ForAll @LongRange(min = 0, max = 10_000) long filledLots,
                                                                   @ForAll @LongRange(min = 0, max = 10_000) long seenLots) {
        long filled = Math.min(filledLots, oldLots - 1);
        Assume.that(newLots > filled);
        BuyOrder order = BuyOrder.placed(spec, oldTicks, oldLots).filledAtItsLimit(filled);

        order.amendedSeeing(Math.min(seenLots, filled), newTicks, newLots);

        assertThat(order.reserved()).isGreaterThanOrEqualTo(order.mostItCanBeBilled());
    }

    @Property
    void aBuyOrderStaysCoveredThroughAnySequenceOfFillsAndAmendments(@ForAll("specs") InstrumentSpec spec,
                                                                     @ForAll @LongRange(min = 1, max = 100_000) long ticks,
                                                                     @ForAll @LongRange(min = 1, max = 10_000) long lots,
                                                                     @ForAll @Size(min = 1, max = 10) List<@From("steps") Step> steps) {
        BuyOrder order = BuyOrder.placed(spec, ticks, lots);

        for (Step step : steps) {
            step.applyTo(order);
            assertThat(order.reserved()).as("after %s", step).isGreaterThanOrEqualTo(order.mostItCanBeBilled());
        }
    }

    @Provide
    Arbitrary<InstrumentSpec> specs() {
        Arbitrary<BigDecimal> tickSizes = Arbitraries.of("0.01", "0.05", "0.001", "0.0001").map(BigDecimal::new);
        Arbitrary<BigDecimal> lotSizes = Arbitraries.of("1", "0.1", "0.01", "0.0001").map(BigDecimal::new);
        Arbitrary<BigDecimal> feeRates = Arbitraries.of("0", "0.001", "0.0015", "0.002", "0.0025").map(BigDecimal::new);
        return Combinators.combine(tickSizes, lotSizes, feeRates, feeRates).as((tick, lot, maker, taker) ->
                new InstrumentSpec(Symbol.of("ACME"), "Acme", tick, lot, maker, taker, Quantity.ofLots(1_000_000),
                        Cash.ofCents(Long.MAX_VALUE / 2), new BigDecimal("0.1")));
    }

    @Provide
    Arbitrary<Step> steps() {
        Arbitrary<Step> fills = Combinators.combine(Arbitraries.longs().between(1, 10_000),
                Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.longs().between(1, 50)), Arbitraries.of(true, false)).as(Fill::new);
        Arbitrary<Step> amendments = Combinators.combine(Arbitraries.longs().between(1, 100_000),
                Arbitraries.longs().between(1, 10_000)).as(Amendment::new);
        return Arbitraries.oneOf(fills, amendments);
    }

    /** One thing that happens to the order: a fill order entry does not see, or an amendment through it. */
    sealed interface Step permits Fill, Amendment {
        void applyTo(BuyOrder order);
    }

    /** Fills part of the open quantity (leaving it open) {@code ticksBelow} its limit, as maker or taker. */
    record Fill(long lots, long ticksBelow, boolean maker) implements Step {
        @Override
        public void applyTo(BuyOrder order) {
            order.filledUnseen(lots, ticksBelow, maker);
        }
    }

    /** Amends the order to a new limit and total quantity, unless the book would refuse it. */
    record Amendment(long ticks, long lots) implements Step {
        @Override
        public void applyTo(BuyOrder order) {
            order.amended(ticks, lots);
        }
    }

    /**
     * A buy order as its account and its fills see it: the total reserved for it, the exact
     * notional and fee of its fills, and the filled quantity order entry last learned.
     */
    static final class BuyOrder {

        private final InstrumentSpec spec;
        private long ticks;
        private long lots;
        private long filled;
        private long seen;
        private Cash reserved;
        private BigDecimal notional = BigDecimal.ZERO;
        private BigDecimal fee = BigDecimal.ZERO;

        private BuyOrder(InstrumentSpec spec, long ticks, long lots) {
            this.spec = spec;
            this.ticks = ticks;
            this.lots = lots;
            this.reserved = spec.buyReservation(Price.ofTicks(ticks), Quantity.ofLots(lots));
        }

        static BuyOrder placed(InstrumentSpec spec, long ticks, long lots) {
            return new BuyOrder(spec, ticks, lots);
        }

        /** The worst fills for the reservation: at the limit, at the larger fee rate. */
        BuyOrder filledAtItsLimit(long fillLots) {
            if (fillLots > 0) {
                fill(ticks, fillLots, spec.maxFeeRate());
            }
            return this;
        }

        void filledUnseen(long someLots, long ticksBelow, boolean maker) {
            long open = lots - filled;
            if (open > 1) {
                fill(Math.max(1, ticks - ticksBelow), 1 + someLots % (open - 1), maker ? spec.makerFeeRate() : spec.takerFeeRate());
            }
        }

        void amended(long newTicks, long newLots) {
            if (newLots > filled) {
                amendedSeeing(seen, newTicks, newLots);
            }
        }

        void amendedSeeing(long seenFilled, long newTicks, long newLots) {
            Cash extra = AmendReservation.extraBuyCash(spec, Price.ofTicks(ticks), Quantity.ofLots(lots), Quantity.ofLots(seenFilled),
                    Price.ofTicks(newTicks), Quantity.ofLots(newLots));
            assertThat(extra.isNegative()).isFalse();
            reserved = reserved.plus(extra);
            ticks = newTicks;
            lots = newLots;
            seen = filled;
        }

        Cash reserved() {
            return reserved;
        }

        /** What the order is billed if its whole open part fills at its limit and the larger fee rate. */
        Cash mostItCanBeBilled() {
            BigDecimal openNotional = spec.notionalCents(Price.ofTicks(ticks), Quantity.ofLots(lots - filled));
            BigDecimal totalNotional = notional.add(openNotional);
            BigDecimal totalFee = fee.add(openNotional.multiply(spec.maxFeeRate()));
            return Cash.ofCents(ceilCents(totalNotional) + ceilCents(totalFee));
        }

        private void fill(long atTicks, long fillLots, BigDecimal feeRate) {
            BigDecimal fillNotional = spec.notionalCents(Price.ofTicks(atTicks), Quantity.ofLots(fillLots));
            notional = notional.add(fillNotional);
            fee = fee.add(fillNotional.multiply(feeRate));
            filled += fillLots;
        }
    }
}
