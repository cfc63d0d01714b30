package io.tandem.command.orderbook;

import io.tandem.contracts.common.Side;

/**
 * An order resting in a {@link MatchingEngine}, as the engine reports it: prices in ticks and
 * quantities in lots, so the engine never converts decimals. It is also the unit of a book
 * snapshot: a list of these in priority order rebuilds the book exactly.
 *
 * @param quantity the order's total quantity, filled part included
 * @param filled   how much of it has traded
 * @param owner    the user who owns the account, or null for an order placed before orders carried
 *                 it (self-trade prevention then compares its account only)
 */
public record BookOrder(String orderId, String accountId, Side side, long price, long quantity, long filled,
                        String owner) {

    public BookOrder {
        if (orderId == null || accountId == null || side == null) {
            throw new IllegalArgumentException("orderId, accountId and side are required");
        }
        if (price <= 0 || filled < 0 || quantity <= filled) {
            throw new IllegalArgumentException("a resting order needs a positive price and open quantity: " + orderId);
        }
    }

    /** Quantity still available to trade. */
    public long open() {
        return quantity - filled;
    }
}
