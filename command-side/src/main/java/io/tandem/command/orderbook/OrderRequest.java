package io.tandem.command.orderbook;

import io.tandem.contracts.common.Side;
import io.tandem.contracts.orderbook.TimeInForce;

/**
 * An order (or the unfilled rest of an amended one) asking the engine to match. Market orders
 * arrive here as IOC or FOK requests limited by their protection price, which is how the engine
 * makes sure they never rest.
 *
 * @param limitPrice worst acceptable price in ticks
 * @param quantity   quantity to match, in lots
 * @param owner      the user who owns the account, or null if unknown (self-trade prevention then
 *                   compares accounts only)
 */
public record OrderRequest(String orderId, String accountId, Side side, long limitPrice, long quantity,
                           TimeInForce timeInForce, String owner) {

    public OrderRequest {
        if (orderId == null || accountId == null || side == null || timeInForce == null) {
            throw new IllegalArgumentException("orderId, accountId, side and timeInForce are required");
        }
        if (limitPrice <= 0 || quantity <= 0) {
            throw new IllegalArgumentException("limit price and quantity must be positive");
        }
    }
}
