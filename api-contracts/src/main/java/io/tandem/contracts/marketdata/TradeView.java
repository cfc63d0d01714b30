package io.tandem.contracts.marketdata;




public record TradeView(String tradeId, String symbol, String price, String quantity, String aggressorSide, String executedAt, String cursor) {
}
