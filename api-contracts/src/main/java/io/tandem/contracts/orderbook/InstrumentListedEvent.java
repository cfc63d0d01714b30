package io.tandem.contracts.orderbook;

import io.tandem.contracts.common.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The instrument's book exists and its spec is fixed. Revision 2: the spec carries
 * {@link InstrumentSpec#minOrderNotional()}; a revision 1 payload has none and reads with the
 * default minimum of 1.00 (the spec's constructor fills it in), so no upcaster is needed.
 */
@Revision("2")
public record InstrumentListedEvent(Symbol symbol, InstrumentSpec spec, AccountId issuerAccountId, Quantity supply, Instant listedAt) {
}
