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
    void aHigherBuyPriceReservesEverythingStillOpenAfreshAtTheNewPrice() {
        Cash extra = AmendReservation.extraBuyCash(SPEC, ticks(1_000), lots(10), lots(4), ticks(1_100), lots(10));

        assertThat(extra).isEqualTo(SPEC.buyReservation(ticks(1_100), lots(6))).isEqualTo(Cash.ofCents(6_614));
    }

    @Test
    void aHigherBuyPriceWithALargerQuantityReservesTheNewRemainderAtTheNewPrice() {
        Cash extra = AmendReservation.extraBuyCash(SPEC, ticks(1_000), lots(10), lots(4), ticks(1_100), lots(12));

        assertThat(extra).isEqualTo(SPEC.buyReservation(ticks(1_100), lots(8)));
    }

    @Test
    void aLargerBuyAtTheSamePriceReservesOnlyTheAddedLots() {
        Cash extra = AmendReservation.extraBuyCash(SPEC, ticks(1_000), lots(10), lots(4), ticks(1_000), lots(15));

        assertThat(extra).isEqualTo(SPEC.buyReservation(ticks(1_000), lots(5))).isEqualTo(Cash.ofCents(5_010));
    }

    @Test
    void aLargerBuyAtALowerPriceReservesTheAddedLotsAtTheLowerPrice() {
        Cash extra = AmendReservation.extraBuyCash(SPEC, ticks(1_000), lots(10), lots(0), ticks(900), lots(15));

        assertThat(extra).isEqualTo(SPEC.buyReservation(ticks(900), lots(5)));
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
