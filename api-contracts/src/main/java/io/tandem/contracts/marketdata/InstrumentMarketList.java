package io.tandem.contracts.marketdata;

import java.util.List;

public record InstrumentMarketList(List<InstrumentMarketView> items) {
}
