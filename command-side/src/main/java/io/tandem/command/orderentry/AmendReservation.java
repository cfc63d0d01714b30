package io.tandem.command.orderentry;

import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.orderbook.InstrumentSpec;

/**
 * What an amendment must reserve on top of what the order already holds, so that the order's
 * reservation still covers everything it can fill afterwards. Amendments never release anything:
 * a lower price or a smaller quantity leaves the order over-reserved, and the surplus goes back
 * to the account when the order closes (filled or cancelled). Quantities are totals, filled part
 * included, as on {@code AmendOrderCommand}.
 */
final class AmendReservation {

    /**
     * What an order holds for its open part can fall short of {@code buyReservation} of that part
     * by one cent per rounding: its fills were billed with the notional and the fee each rounded up
     * cumulatively, so the reservation of the whole order minus what the fills took can be a cent
     * below the rounded-up notional of the rest, and likewise a cent below its rounded-up fee.
     */
    static final long ROUNDING_CENTS = 2;

    private AmendReservation() {
    }

    /**
     * Extra cash for a buy order: what the open part needs at the new terms minus what it was
     * reserved at the old terms, plus {@link #ROUNDING_CENTS}, never negative:
     * {@code max(0, buyReservation(newPrice, newRemaining) - buyReservation(oldPrice, oldRemaining) + 2 cents)}.
     * Raising 100 lots from 9.00 to 9.10 thus reserves about 10.00 more, not a second 910.00.
     * <p>
     * Order entry does not see fills of a resting order, so {@code filled} may be too low. With a
     * higher (or unchanged) price that only reserves more, but with a lower price and a larger
     * quantity the true need grows with the filled quantity (fewer lots still held at the old
     * price). So the formula is also evaluated at the most that can have filled while the amended
     * order stays open (one lot below the smaller of the two quantities; beyond that the book
     * refuses the amendment), and the larger result is reserved. The need is linear in the filled
     * quantity up to the roundings the two cents cover, so the two ends bound everything between.
     * <p>
     * An amendment that neither raises the price nor adds lots cannot raise what the order can
     * still take, so it reserves nothing (the formula could ask for the rounding cents, and a cut
     * must not be refused for want of them).
     *
     * @param filled what has filled so far as far as the caller knows; it may lag the book (see above)
     */
    static Cash extraBuyCash(InstrumentSpec spec, Price oldPrice, Quantity oldQuantity, Quantity filled,
                             Price newPrice, Quantity newQuantity) {
        long mostFilled = Math.min(oldQuantity.lots(), newQuantity.lots()) - 1;
        if (filled.lots() > mostFilled || (newPrice.compareTo(oldPrice) <= 0 && newQuantity.compareTo(oldQuantity) <= 0)) {
            return Cash.ZERO;
        }
        long extra = Math.max(
                extraIfFilled(spec, oldPrice, oldQuantity, newPrice, newQuantity, filled.lots()),
                extraIfFilled(spec, oldPrice, oldQuantity, newPrice, newQuantity, mostFilled));
        return Cash.ofCents(Math.max(0, extra));
    }

    private static long extraIfFilled(InstrumentSpec spec, Price oldPrice, Quantity oldQuantity,
                                      Price newPrice, Quantity newQuantity, long filled) {
        Cash needed = spec.buyReservation(newPrice, Quantity.ofLots(newQuantity.lots() - filled));
        Cash held = spec.buyReservation(oldPrice, Quantity.ofLots(oldQuantity.lots() - filled));
        return Math.addExact(needed.minus(held).cents(), ROUNDING_CENTS);
    }

    /**
     * Extra lots for a sell order: {@code max(0, newRemaining - oldRemaining)}, which is the growth
     * of the total quantity whatever has filled; the price does not matter.
     */
    static Quantity extraSellQuantity(Quantity oldQuantity, Quantity newQuantity) {
        return newQuantity.compareTo(oldQuantity) > 0 ? newQuantity.minus(oldQuantity) : Quantity.ZERO;
    }
}
