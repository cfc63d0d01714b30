package io.tandem.contracts.portfolio;




public record CashView(String available, String reserved) {
}
