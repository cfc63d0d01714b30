package io.tandem.contracts.copy;

import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Stops a copy: it mirrors nothing more and the copy engine sells its positions, then returns its
 * cash ({@link FinishCopyCommand}). A copy already stopping or closed changes nothing. By hand
 * ({@code BY_COPIER}, {@code BY_ADMIN}) only the copier or an admin; {@code STOP_LOSS} comes from the
 * copy engine with the trade that moved the price past the threshold and the equity it valued.
 */
public record StopCopyCommand(@TargetAggregateIdentifier CopyId copyId, UserId requestedBy, boolean admin,
                              CopyStopReason reason, TradeId triggerTradeId, Cash equity, Instant at) {
}
