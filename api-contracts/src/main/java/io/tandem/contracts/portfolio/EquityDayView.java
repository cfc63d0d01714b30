package io.tandem.contracts.portfolio;

/** {@code day} ISO date; equity at the day's closing prices and cumulative net deposits, two decimals. */
public record EquityDayView(String day, String equity, String netDeposits) {
}
