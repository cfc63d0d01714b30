package io.tandem.contracts.account;

import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Symbol;

/** A quantity of one instrument. */
public record Holding(Symbol symbol, Quantity quantity) {
}
