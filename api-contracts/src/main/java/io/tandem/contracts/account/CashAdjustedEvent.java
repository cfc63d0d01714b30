package io.tandem.contracts.account;

import io.tandem.contracts.common.*;
import org.axonframework.serialization.Revision;

/** Available cash changed by {@code amount} (signed) by an admin. */
@Revision("1")
public record CashAdjustedEvent(AccountId accountId, AdjustmentId adjustmentId, Cash amount, String reason, UserId requestedBy) {
}
