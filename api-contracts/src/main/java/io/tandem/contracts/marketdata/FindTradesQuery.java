package io.tandem.contracts.marketdata;

import io.tandem.contracts.common.*;

/** Newest trades first; answers a {@link TradePage}. */
public record FindTradesQuery(Symbol symbol, int first, String after) {
}
