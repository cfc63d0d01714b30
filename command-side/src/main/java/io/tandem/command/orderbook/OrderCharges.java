package io.tandem.command.orderbook;

import java.math.BigDecimal;

/**
 * Running cash totals of one order across its fills: the exact (unrounded) notional and fee in
 * cents, and the whole cents billed so far. Rounding the running totals rather than each fill keeps
 * an order's rounding error below one cent in total, whatever the number of fills.
 *
 * @param exactNotional sum of the exact notionals of the order's fills, in cents
 * @param exactFee      sum of the exact fees of the order's fills, in cents
 * @param notionalBilled whole cents of notional booked so far (paid by a buyer, received by a seller)
 * @param feeBilled      whole cents of fee charged so far
 */
public record OrderCharges(BigDecimal exactNotional, BigDecimal exactFee, long notionalBilled, long feeBilled) {

    /** An order that has not traded yet. */
    public static final OrderCharges NONE = new OrderCharges(BigDecimal.ZERO, BigDecimal.ZERO, 0, 0);

    public OrderCharges {
        if (exactNotional == null || exactFee == null || exactNotional.signum() < 0 || exactFee.signum() < 0
                || notionalBilled < 0 || feeBilled < 0) {
            throw new IllegalArgumentException("order charges must be non-negative");
        }
    }

    /** Totals after one more fill of exact {@code notional} and {@code fee}, billed as the given whole cents. */
    public OrderCharges after(BigDecimal notional, BigDecimal fee, long notionalLeg, long feeLeg) {
        return new OrderCharges(exactNotional.add(notional), exactFee.add(fee),
                Math.addExact(notionalBilled, notionalLeg), Math.addExact(feeBilled, feeLeg));
    }
}
