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

    private AmendReservation() {
    }

    /**
     * Extra cash for a buy order. A higher price needs a fresh reservation for everything still
     * open at that price (the old reservation was sized for the old price and is left in place);
     * a larger quantity at an unchanged or lower price needs the added lots at the new price.
     *
     * @param filled what has filled so far as far as the caller knows; a stale (lower) value only
     *               over-reserves
     */
    static Cash extraBuyCash(InstrumentSpec spec, Price oldPrice, Quantity oldQuantity, Quantity filled,
                             Price newPrice, Quantity newQuantity) {
        long newRemaining = newQuantity.lots() - filled.lots();
        if (newRemaining <= 0) {
            return Cash.ZERO;
        }
        if (newPrice.compareTo(oldPrice) > 0) {
            return spec.buyReservation(newPrice, Quantity.ofLots(newRemaining));
        }
        if (newQuantity.compareTo(oldQuantity) > 0) {
            return spec.buyReservation(newPrice, newQuantity.minus(oldQuantity));
        }
        return Cash.ZERO;
    }

    /** Extra lots for a sell order: only a larger quantity needs more; the price does not matter. */
    static Quantity extraSellQuantity(Quantity oldQuantity, Quantity newQuantity) {
        return newQuantity.compareTo(oldQuantity) > 0 ? newQuantity.minus(oldQuantity) : Quantity.ZERO;
    }
}
