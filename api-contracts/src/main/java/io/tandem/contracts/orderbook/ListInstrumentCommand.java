package io.tandem.contracts.orderbook;

import io.tandem.contracts.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Creates the instrument's order book. Its supply is credited to the issuer account in the same transaction. */
public record ListInstrumentCommand(@TargetAggregateIdentifier Symbol symbol, InstrumentSpec spec, AccountId issuerAccountId, Quantity supply, Instant listedAt) {
}
