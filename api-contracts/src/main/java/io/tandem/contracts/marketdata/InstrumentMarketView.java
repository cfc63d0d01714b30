package io.tandem.contracts.marketdata;

/**
 * An instrument's market summary: {@code lastPrice} null before the first trade; {@code change24h}
 * as documented on the GraphQL type {@code Instrument} (percent, two decimals, half-even).
 */
public record InstrumentMarketView(String symbol, String name, String lastPrice, String change24h) {
}
