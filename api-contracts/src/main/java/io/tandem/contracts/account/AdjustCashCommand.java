package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Admin cash adjustment (positive credits, negative debits available cash). Idempotent by {@code adjustmentId}: the same id with the same amount again changes nothing; with a different amount it is refused with ADJUSTMENT_CONFLICT. */
public record AdjustCashCommand(@TargetAggregateIdentifier AccountId accountId, AdjustmentId adjustmentId, Cash amount, String reason, UserId requestedBy) {
}
