package io.tandem.command.orderentry;

import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.orderbook.InstrumentSpec;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class AmendReservationTest {

    /** Tick 0.01, lot 1, fee rates 0.1% / 0.2%: 5 lots at 10.00 reserve 5000 + 10 cents. */
    static final InstrumentSpec SPEC = new InstrumentSpec(Symbol.of("ACME"), "Acme", new BigDecimal("0.01"), BigDecimal.ONE,
            new BigDecimal("0.001"), new BigDecimal("0.002"), Quantity.ofLots(1_000_000), Cash.ofCents(1_000_000_000_00L),
            new BigDecimal("0.1"));

    private static Price ticks(long ticks) {
        return Price.ofTicks(ticks);
    }

    private static Quantity lots(long lots) {
        return Quantity.ofLots(lots);
    }

    @Test
    void aLargerSellNeedsTheAddedLots() {
        assertThat(AmendReservation.extraSellQuantity(lots(10), lots(14))).isEqualTo(lots(4));
    }

    @Test
    void aSmallerSellNeedsNothing() {
        assertThat(AmendReservation.extraSellQuantity(lots(10), lots(6))).isEqualTo(Quantity.ZERO);
    }

    @Test
    void aSellWithTheSameQuantityNeedsNothingWhateverItsPrice() {
        assertThat(AmendReservation.extraSellQuantity(lots(10), lots(10))).isEqualTo(Quantity.ZERO);
    }

    @Test
    void aHigherBuyPriceReservesOnlyTheDifferenceForTheOpenPartPlusTheRoundingCents() {
        Cash extra = AmendReservation.extraBuyCash(SPEC, ticks(900), lots(100), lots(0), ticks(910), lots(100));

        // 91000 + 182 fee at 9.10 against 90000 + 180 at 9.00, plus 2 cents: not a second 910.00
        assertThat(extra).isEqualTo(Cash.ofCents(1_004));
    }

    @Test
    void bothRoundingCentsAreNeededWhenTheFilledPartRoundedUpInNotionalAndInFee() {
        InstrumentSpec centLots = new InstrumentSpec(Symbol.of("CENT"), "Cent lots", new BigDecimal("0.01"), new BigDecimal("0.01"),
                new BigDecimal("0.001"), new BigDecimal("0.002"), Quantity.ofLots(1_000_000), Cash.ofCents(1_000_000_000_00L),
                new BigDecimal("0.1"));
        // 0.37 at 13.31 reserved ceil(492.47) + ceil(0.98494) = 494 cents. 0.27 filled at 13.31 as taker: 359.37
        // notional, 0.71874 fee. At 14.37 the other 0.10 adds 143.70 and 0.2874, so the order can be billed
        // ceil(503.07) + ceil(1.00614) = 506 in all: 12 more, of which the formula's difference is 145 - 135 = 10.
        Cash extra = AmendReservation.extraBuyCash(centLots, ticks(1_331), lots(37), lots(27), ticks(1_437), lots(37));

        assertThat(centLots.buyReservation(ticks(1_331), lots(37)).plus(extra)).isEqualTo(Cash.ofCents(506));
    }

    @Test
    void aHigherBuyPriceAfterPartialFillsReservesTheDifferenceForWhatIsStillOpen() {
        Cash extra = AmendReservation.extraBuyCash(SPEC, ticks(1_000), lots(10), lots(4), ticks(1_100), lots(10));

        assertThat(extra).isEqualTo(SPEC.buyReservation(ticks(1_100), lots(6)).minus(SPEC.buyReservation(ticks(1_000), lots(6)))
                .plus(Cash.ofCents(2))).isEqualTo(Cash.ofCents(604));
    }

    @Test
    void aHigherBuyPriceWithALargerQuantityReservesTheNewRemainderAtTheNewPriceLessTheOldRemainder() {
        Cash extra = AmendReservation.extraBuyCash(SPEC, ticks(1_000), lots(10), lots(4), ticks(1_100), lots(12));

        assertThat(extra).isEqualTo(Cash.ofCents(8_818 - 6_012 + 2));
    }

    @Test
    void aLargerBuyAtTheSamePriceReservesTheAddedLotsPlusTheRoundingCents() {
        Cash extra = AmendReservation.extraBuyCash(SPEC, ticks(1_000), lots(10), lots(4), ticks(1_000), lots(15));

        assertThat(extra).isEqualTo(SPEC.buyReservation(ticks(1_000), lots(5)).plus(Cash.ofCents(2))).isEqualTo(Cash.ofCents(5_012));
    }

    @Test
    void aLargerBuyAtALowerPriceReservesAsIfAllButOneLotHadFilledUnseen() {
        Cash extra = AmendReservation.extraBuyCash(SPEC, ticks(1_000), lots(10), lots(0), ticks(900), lots(15));

        // 9 lots filled unseen: 6 lots at 9.00 (5411) are needed and only 1 lot at 10.00 (1002) is held
        assertThat(extra).isEqualTo(Cash.ofCents(5_411 - 1_002 + 2));
    }

    @Test
    void aLowerBuyPriceByOneTickNeedsNothingEvenWhereTheRoundingCentsWouldAskForOne() {
        assertThat(AmendReservation.extraBuyCash(SPEC, ticks(1_000), lots(10), lots(4), ticks(999), lots(10))).isEqualTo(Cash.ZERO);
    }

    @Test
    void anUnchangedBuyNeedsNothing() {
        assertThat(AmendReservation.extraBuyCash(SPEC, ticks(1_000), lots(10), lots(4), ticks(1_000), lots(10))).isEqualTo(Cash.ZERO);
    }

    @Test
    void aLowerBuyPriceNeedsNothing() {
        assertThat(AmendReservation.extraBuyCash(SPEC, ticks(1_000), lots(10), lots(4), ticks(900), lots(10))).isEqualTo(Cash.ZERO);
    }

    @Test
    void aSmallerBuyNeedsNothing() {
        assertThat(AmendReservation.extraBuyCash(SPEC, ticks(1_000), lots(10), lots(4), ticks(1_000), lots(6))).isEqualTo(Cash.ZERO);
    }

    @Test
    void aBuyAmendedToNoMoreThanItsFilledQuantityNeedsNothing() {
        assertThat(AmendReservation.extraBuyCash(SPEC, ticks(1_000), lots(10), lots(4), ticks(2_000), lots(4))).isEqualTo(Cash.ZERO);
    }
}
