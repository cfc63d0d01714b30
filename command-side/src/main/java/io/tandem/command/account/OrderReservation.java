package io.tandem.command.account;

import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;

/**
 * What one order still holds on its account: cash for a buy, lots for a sell. Settlements draw it
 * down; when the order has closed and every fill has settled, what is left goes back to available.
 * <p>
 * Settlement may trail the order's close (an IOC order is placed, traded and cancelled in one
 * transaction while its trades settle asynchronously), so the reservation remembers the filled
 * quantity it was closed with ({@code closingFilled}) and is released once {@code settled} reaches
 * it. Immutable, so that the aggregate snapshot is a plain Jackson value (helper methods avoid
 * get/is names so that only the components are serialized).
 *
 * @param cash          reserved cents left (buy orders)
 * @param quantity      reserved lots left (sell orders)
 * @param settled       lots of this order settled so far
 * @param closingFilled the order's final filled quantity once it closed, null while it is live
 */
record OrderReservation(Side side, Symbol symbol, long cash, long quantity, long settled, Long closingFilled) {

    static OrderReservation ofCash(Symbol symbol, long cash) {
        return new OrderReservation(Side.BUY, symbol, cash, 0, 0, null);
    }

    static OrderReservation ofQuantity(Symbol symbol, long quantity) {
        return new OrderReservation(Side.SELL, symbol, 0, quantity, 0, null);
    }

    OrderReservation plusCash(long cents) {
        return new OrderReservation(side, symbol, Math.addExact(cash, cents), quantity, settled, closingFilled);
    }

    OrderReservation plusQuantity(long lots) {
        return new OrderReservation(side, symbol, cash, Math.addExact(quantity, lots), settled, closingFilled);
    }

    /** Takes up to {@code cents} out of the reserved cash and counts {@code lots} as settled. */
    OrderReservation settleCash(long cents, long lots) {
        return new OrderReservation(side, symbol, cash - Math.min(cash, cents), quantity, Math.addExact(settled, lots), closingFilled);
    }

    /** Takes up to {@code lots} out of the reserved quantity and counts them as settled. */
    OrderReservation settleQuantity(long lots) {
        return new OrderReservation(side, symbol, cash, quantity - Math.min(quantity, lots), Math.addExact(settled, lots), closingFilled);
    }

    OrderReservation closing(long filled) {
        return new OrderReservation(side, symbol, cash, quantity, settled, filled);
    }

    boolean closed() {
        return closingFilled != null;
    }

    /** Whether the order has closed and every lot it filled has settled. */
    boolean allFillsSettled() {
        return closingFilled != null && settled >= closingFilled;
    }

    /** Cash the reservation cannot cover out of a settlement costing {@code cents}. */
    long cashShortfall(long cents) {
        return Math.max(0, cents - cash);
    }

    /** Lots the reservation cannot cover out of a settlement of {@code lots}. */
    long quantityShortfall(long lots) {
        return Math.max(0, lots - quantity);
    }
}
