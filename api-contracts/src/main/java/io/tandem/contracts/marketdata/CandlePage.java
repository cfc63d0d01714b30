package io.tandem.contracts.marketdata;

import java.util.List;

public record CandlePage(List<CandleView> items, boolean hasNextPage) {
}
