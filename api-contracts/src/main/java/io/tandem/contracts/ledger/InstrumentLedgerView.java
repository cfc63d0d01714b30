package io.tandem.contracts.ledger;




public record InstrumentLedgerView(String symbol, String supply, String positionsTotal) {
}
