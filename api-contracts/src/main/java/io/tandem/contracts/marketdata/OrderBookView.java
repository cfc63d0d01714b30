package io.tandem.contracts.marketdata;

import java.util.List;


public record OrderBookView(String symbol, List<PriceLevelView> bids, List<PriceLevelView> asks, String lastPrice) {
}
