package io.tandem.contracts.marketdata;

/** Every listed instrument with its last price and 24 h change, by symbol; answers an {@link InstrumentMarketList}. */
public record FindInstrumentsQuery() {
}
