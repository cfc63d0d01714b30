package io.tandem.contracts.orderbook;

import io.tandem.contracts.common.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record InstrumentListedEvent(Symbol symbol, InstrumentSpec spec, AccountId issuerAccountId, Quantity supply, Instant listedAt) {
}
