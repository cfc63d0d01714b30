package io.tandem.contracts.orderbook;

import io.tandem.contracts.common.*;

/** One execution of an order, as reported back to whoever placed or amended it. */
public record Fill(TradeId tradeId, Price price, Quantity quantity) {
}
