package io.tandem.contracts.copy;

import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.TradeId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The copy stopped mirroring and is selling its positions; {@code triggerTradeId} and {@code equity} are set for STOP_LOSS. */
@Revision("1")
public record CopyStoppingEvent(CopyId copyId, CopyStopReason reason, TradeId triggerTradeId, Cash equity, Instant at) {
}
