package io.tandem.contracts.copy;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.UserId;
import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A copy started with {@code amount} in its COPY account. {@code stopLossEquity} is
 * {@code amount x (100 - stopLossPercent) / 100} rounded down to a cent: the copy stops when its equity
 * falls to it or below. Equities are whole cents, so "equity <= the rounded-down threshold" is exactly
 * "equity <= the exact threshold" (rounding up would stop a copy up to a cent early).
 */
@Revision("1")
public record CopyStartedEvent(CopyId copyId, UserId copier, String clientCopyId, AccountId fromAccountId,
                               AccountId copyAccountId, UserId leader, String leaderHandle, AccountId leaderAccountId,
                               Cash amount, BigDecimal stopLossPercent, Cash stopLossEquity, SizingMode sizing,
                               Cash amountPerTrade, boolean copyOpenPositions, Instant at) {
}
