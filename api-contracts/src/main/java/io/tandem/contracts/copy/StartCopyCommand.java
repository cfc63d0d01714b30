package io.tandem.contracts.copy;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Starts a copy (creates the aggregate). Copy entry has checked the leader, the limits and the
 * slots, opened the COPY account and moved {@code amount} into it in the same transaction. The same
 * start again (same fields) answers the copy as it is and changes nothing; a different start under
 * the same id is refused with COPY_CONFLICT. Answers the {@link CopyStartedEvent}'s copy id.
 *
 * @param amountPerTrade FIXED_AMOUNT only (null for PROPORTIONAL)
 * @param stopLossPercent 5 to 95, at most two decimals
 */
public record StartCopyCommand(@TargetAggregateIdentifier CopyId copyId, UserId copier, String clientCopyId,
                               AccountId fromAccountId, AccountId copyAccountId, UserId leader, String leaderHandle,
                               AccountId leaderAccountId, Cash amount, BigDecimal stopLossPercent, SizingMode sizing,
                               Cash amountPerTrade, boolean copyOpenPositions, Instant at) {
}
