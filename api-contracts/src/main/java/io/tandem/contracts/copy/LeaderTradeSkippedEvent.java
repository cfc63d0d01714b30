package io.tandem.contracts.copy;

import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A leader trade produced no order in the copy; {@code detail} is order entry's error code for ORDER_REFUSED. */
@Revision("1")
public record LeaderTradeSkippedEvent(CopyId copyId, Symbol symbol, Side side, MirrorSkipReason reason, String detail,
                                      MirrorExplanation explanation, Instant at) {
}
