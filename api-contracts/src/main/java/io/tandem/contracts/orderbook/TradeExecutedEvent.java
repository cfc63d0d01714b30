package io.tandem.contracts.orderbook;

import io.tandem.contracts.common.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A maker and a taker order traded {@code quantity} at the maker's {@code price}. The event carries
 * the exact cash legs the settlement must book, so settlement never recomputes them:
 * the buyer pays {@code buyerNotional + buyerFee} out of its reservation, the seller receives
 * {@code sellerNotional - sellerFee}, and the platform fee account receives the difference
 * ({@link #platformCredit()}), which is the two fees plus the sub-cent notional rounding.
 * Cash is therefore conserved by construction.
 *
 * @param buyOrderFilled  whether this execution completed the buy order
 * @param sellOrderFilled whether this execution completed the sell order
 */
@Revision("1")
public record TradeExecutedEvent(Symbol symbol,
                                 TradeId tradeId,
                                 Price price,
                                 Quantity quantity,
                                 Side aggressorSide,
                                 OrderId makerOrderId,
                                 OrderId takerOrderId,
                                 AccountId buyerAccountId,
                                 OrderId buyOrderId,
                                 AccountId sellerAccountId,
                                 OrderId sellOrderId,
                                 Cash buyerNotional,
                                 Cash buyerFee,
                                 Cash sellerNotional,
                                 Cash sellerFee,
                                 boolean buyOrderFilled,
                                 boolean sellOrderFilled,
                                 Instant executedAt) {

    /** What the platform fee account receives: fees on both sides plus notional rounding. */
    public Cash platformCredit() {
        return buyerNotional.plus(buyerFee).minus(sellerNotional).plus(sellerFee);
    }
}
