package io.tandem.contracts.portfolio;

public record PortfolioPositionView(String symbol, String quantity, String averagePrice, String lastPrice,
                                    String marketValue, String realizedPnl, String unrealizedPnl) {
}
