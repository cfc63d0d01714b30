package io.tandem.command.orderbook;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.orderbook.InstrumentSpec;

import java.util.List;
import java.util.Map;

/**
 * Everything an {@link OrderBookState} holds, as plain values that Jackson writes and reads without
 * help: this is the body of an order book's Axon snapshot. Orders are listed in priority order, so
 * restoring them one by one rebuilds every queue exactly.
 *
 * @param bids           resting buy orders, best price first, oldest first
 * @param asks           resting sell orders, best price first, oldest first
 * @param charges        running cash totals of open orders that have traded, by order id
 * @param closedOrderIds ids of the orders that left the book last, oldest first (at most {@link OrderBookState#RECENTLY_CLOSED})
 * @param tradeCount     trades executed so far (the last trade id's number)
 * @param lastPrice      price of the last trade, or null before the first
 */
public record OrderBookSnapshot(InstrumentSpec spec,
                                AccountId issuerAccountId,
                                Quantity supply,
                                List<BookOrder> bids,
                                List<BookOrder> asks,
                                Map<String, OrderCharges> charges,
                                List<String> closedOrderIds,
                                long tradeCount,
                                Price lastPrice) {
}
