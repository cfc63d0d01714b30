package io.tandem.contracts.marketdata;

import java.util.List;


public record TradePage(List<TradeView> items, String endCursor, boolean hasNextPage) {
}
