package io.tandem.contracts.portfolio;

import java.util.List;

/** As documented on the GraphQL type {@code Portfolio}; cash amounts two decimals, positions by symbol. */
public record PortfolioView(String accountId, String owner, String cash, String equity, String netDeposits,
                            String realizedPnl, String unrealizedPnl, List<PortfolioPositionView> positions) {
}
