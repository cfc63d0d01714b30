package io.tandem.command.orderentry;

import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import static io.tandem.command.orderentry.AmendReservationTest.SPEC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the amendment, what a buy order held before plus what the amendment adds covers
 * everything the amended order can still fill, and a stale (too low) filled quantity only ever
 * reserves more.
 */
class AmendReservationProperties {

    @Property
    void aBuyOrderStaysCoveredAfterAnyAmendment(@ForAll @LongRange(min = 1, max = 100_000) long oldTicks,
                                                @ForAll @LongRange(min = 1, max = 100_000) long newTicks,
                                                @ForAll @LongRange(min = 1, max = 10_000) long oldLots,
                                                @ForAll @LongRange(min = 1, max = 10_000) long newLots,
                                                @ForAll @LongRange(min = 0, max = 10_000) long filledLots) {
        long filled = Math.min(filledLots, oldLots - 1);
        Cash held = SPEC.buyReservation(Price.ofTicks(oldTicks), Quantity.ofLots(oldLots - filled));

        Cash extra = AmendReservation.extraBuyCash(SPEC, Price.ofTicks(oldTicks), Quantity.ofLots(oldLots),
                Quantity.ofLots(filled), Price.ofTicks(newTicks), Quantity.ofLots(newLots));

        if (newLots > filled) {
            Cash needed = SPEC.buyReservation(Price.ofTicks(newTicks), Quantity.ofLots(newLots - filled));
            assertThat(held.plus(extra)).isGreaterThanOrEqualTo(needed);
        } else {
            assertThat(extra).isEqualTo(Cash.ZERO);
        }
    }

    @Property
    void aStaleFilledQuantityNeverReservesLess(@ForAll @LongRange(min = 1, max = 100_000) long oldTicks,
                                               @ForAll @LongRange(min = 1, max = 100_000) long newTicks,
                                               @ForAll @LongRange(min = 2, max = 10_000) long oldLots,
                                               @ForAll @LongRange(min = 1, max = 10_000) long newLots,
                                               @ForAll @LongRange(min = 1, max = 10_000) long actuallyFilled) {
        long filled = Math.min(actuallyFilled, oldLots - 1);
        Price oldPrice = Price.ofTicks(oldTicks);
        Price newPrice = Price.ofTicks(newTicks);

        Cash withStale = AmendReservation.extraBuyCash(SPEC, oldPrice, Quantity.ofLots(oldLots), Quantity.ZERO, newPrice, Quantity.ofLots(newLots));
        Cash withActual = AmendReservation.extraBuyCash(SPEC, oldPrice, Quantity.ofLots(oldLots), Quantity.ofLots(filled), newPrice, Quantity.ofLots(newLots));

        assertThat(withStale).isGreaterThanOrEqualTo(withActual);
    }
}
