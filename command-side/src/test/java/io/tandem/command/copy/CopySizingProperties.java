package io.tandem.command.copy;

import io.tandem.contracts.common.*;
import io.tandem.contracts.copy.MirrorCut;
import io.tandem.contracts.copy.MirrorDecision;
import io.tandem.contracts.copy.SizingMode;
import io.tandem.contracts.orderbook.InstrumentSpec;
import net.jqwik.api.*;
import net.jqwik.api.constraints.LongRange;

import java.math.BigDecimal;
import java.math.RoundingMode;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever the inputs, a mirror is never larger than its exact share and never more than the copy can pay or sell. */
class CopySizingProperties {

    @Property(tries = 2_000)
    void aBuyNeverExceedsItsRawQuantityNorTheAvailableCash(@ForAll("specs") InstrumentSpec spec,
                                                          @ForAll boolean fixed,
                                                          @ForAll @LongRange(min = 1, max = 10_000_000) long leaderLots,
                                                          @ForAll @LongRange(min = 1, max = 1_000_000) long priceTicks,
                                                          @ForAll @LongRange(min = -100, max = 1_000_000_000) long leaderEquity,
                                                          @ForAll @LongRange(min = -100, max = 1_000_000_000) long copyEquity,
                                                          @ForAll @LongRange(min = 0, max = 100_000_000) long copyCash,
                                                          @ForAll @LongRange(min = 1, max = 10_000_000) long perTrade) {
        Price price = Price.ofTicks(priceTicks);
        Price protection = spec.marketBuyLimit(price);
        MirrorDecision decision = CopySizing.size(new CopySizing.Request(
                fixed ? SizingMode.FIXED_AMOUNT : SizingMode.PROPORTIONAL, fixed ? Cash.ofCents(perTrade) : null,
                TradeId.of(spec.symbol(), 1), Side.BUY, Quantity.ofLots(leaderLots), price, Cash.ofCents(leaderEquity),
                Cash.ofCents(copyEquity), Quantity.ZERO, Cash.ofCents(copyCash), Quantity.ZERO, protection, spec));

        if (decision.kind() == MirrorDecision.Kind.PLACE) {
            long floorRaw = decision.explanation().rawQuantity().setScale(0, RoundingMode.FLOOR).longValueExact();
            assertThat(decision.quantity().lots()).isPositive().isLessThanOrEqualTo(floorRaw);
            assertThat(spec.buyReservation(protection, decision.quantity()).cents()).isLessThanOrEqualTo(copyCash);
            assertThat(spec.notionalCents(protection, decision.quantity()))
                    .isGreaterThanOrEqualTo(BigDecimal.valueOf(spec.minOrderNotional().cents()));
            assertThat(decision.explanation().finalQuantity()).isEqualTo(decision.quantity());
        } else {
            assertThat(decision.skipReason()).isNotNull();
        }
    }

    @Property(tries = 2_000)
    void aSellNeverExceedsTheAvailablePosition(@ForAll("specs") InstrumentSpec spec,
                                               @ForAll @LongRange(min = 1, max = 10_000_000) long leaderLots,
                                               @ForAll @LongRange(min = 0, max = 10_000_000) long leaderBefore,
                                               @ForAll @LongRange(min = 0, max = 10_000_000) long copyPosition,
                                               @ForAll @LongRange(min = 1, max = 1_000_000) long priceTicks) {
        Price price = Price.ofTicks(priceTicks);
        Price protection = spec.marketSellLimit(price);
        MirrorDecision decision = CopySizing.size(new CopySizing.Request(SizingMode.PROPORTIONAL, null,
                TradeId.of(spec.symbol(), 1), Side.SELL, Quantity.ofLots(leaderLots), price, Cash.ofCents(1),
                Cash.ofCents(1), Quantity.ofLots(leaderBefore), Cash.ZERO, Quantity.ofLots(copyPosition), protection, spec));

        if (decision.kind() == MirrorDecision.Kind.PLACE) {
            assertThat(decision.quantity().lots()).isPositive().isLessThanOrEqualTo(copyPosition);
            if (decision.explanation().cutBy() != MirrorCut.WHOLE_POSITION) {
                long floorRaw = decision.explanation().rawQuantity().setScale(0, RoundingMode.FLOOR).longValueExact();
                assertThat(decision.quantity().lots()).isLessThanOrEqualTo(floorRaw);
            }
        } else {
            assertThat(decision.skipReason()).isNotNull();
        }
    }

    /** When the exact share is a whole number of lots, nothing is lost to rounding: the order is exactly that. */
    @Property(tries = 2_000)
    void anExactWholeRawQuantityIsOrderedWhole(@ForAll("specs") InstrumentSpec spec,
                                              @ForAll @LongRange(min = 1, max = 1_000_000) long wholeLots,
                                              @ForAll @LongRange(min = 2, max = 10_000) long divisor,
                                              @ForAll @LongRange(min = 1, max = 100_000_000) long copyEquity,
                                              @ForAll @LongRange(min = 1, max = 1_000_000) long priceTicks) {
        // leaderQty x copyEquity / leaderEquity = (wholeLots x divisor) x copyEquity / (copyEquity x divisor) = wholeLots.
        Price price = Price.ofTicks(priceTicks);
        Price protection = spec.marketBuyLimit(price);
        MirrorDecision buy = CopySizing.size(new CopySizing.Request(SizingMode.PROPORTIONAL, null, TradeId.of(spec.symbol(), 1),
                Side.BUY, Quantity.ofLots(wholeLots * divisor), price, Cash.ofCents(copyEquity * divisor),
                Cash.ofCents(copyEquity), Quantity.ZERO, Cash.ofCents(Long.MAX_VALUE / 4), Quantity.ZERO, protection, spec));
        assertThat(buy.explanation().rawQuantity()).isEqualByComparingTo(BigDecimal.valueOf(wholeLots));
        assertThat(buy.explanation().cutBy()).isEqualTo(MirrorCut.NONE);
        if (buy.kind() == MirrorDecision.Kind.PLACE) {
            assertThat(buy.quantity()).isEqualTo(Quantity.ofLots(wholeLots));
        } else {
            assertThat(buy.skipReason()).isEqualTo(io.tandem.contracts.copy.MirrorSkipReason.BELOW_MIN_NOTIONAL);
        }

        // The copy holds wholeLots x divisor, the leader sells 1 of divisor lots: exactly wholeLots go.
        Price sellProtection = spec.marketSellLimit(price);
        MirrorDecision sell = CopySizing.size(new CopySizing.Request(SizingMode.PROPORTIONAL, null, TradeId.of(spec.symbol(), 1),
                Side.SELL, Quantity.ofLots(1), price, Cash.ofCents(1), Cash.ofCents(1), Quantity.ofLots(divisor), Cash.ZERO,
                Quantity.ofLots(wholeLots * divisor), sellProtection, spec));
        assertThat(sell.explanation().rawQuantity()).isEqualByComparingTo(BigDecimal.valueOf(wholeLots));
        if (sell.explanation().cutBy() != MirrorCut.WHOLE_POSITION) {
            assertThat(sell.explanation().cutBy()).isEqualTo(MirrorCut.NONE);
            if (sell.kind() == MirrorDecision.Kind.PLACE) {
                assertThat(sell.quantity()).isEqualTo(Quantity.ofLots(wholeLots));
            }
        }
    }

    @Provide
    Arbitrary<InstrumentSpec> specs() {
        Arbitrary<BigDecimal> lots = Arbitraries.of(new BigDecimal("1"), new BigDecimal("0.01"), new BigDecimal("0.0001"));
        Arbitrary<BigDecimal> ticks = Arbitraries.of(new BigDecimal("0.01"), new BigDecimal("0.05"), new BigDecimal("1"));
        Arbitrary<BigDecimal> fees = Arbitraries.of(BigDecimal.ZERO, new BigDecimal("0.001"), new BigDecimal("0.0025"), new BigDecimal("0.01"));
        Arbitrary<Long> minimum = Arbitraries.of(1L, 100L, 1_000L);
        return Combinators.combine(lots, ticks, fees, fees, minimum).as((lot, tick, maker, taker, min) ->
                new InstrumentSpec(Symbol.of("ACME"), "Acme", tick, lot, maker, taker, Quantity.ofLots(Long.MAX_VALUE / 4),
                        Cash.ofCents(Long.MAX_VALUE / 4), new BigDecimal("0.05"), Cash.ofCents(min)));
    }
}
