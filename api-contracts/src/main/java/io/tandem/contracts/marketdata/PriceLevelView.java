package io.tandem.contracts.marketdata;




public record PriceLevelView(String price, String quantity, int orders) {
}
