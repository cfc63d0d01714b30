package io.tandem.contracts.copy;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.UserId;
import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A copy started with {@code amount} in its COPY account. {@code stopLossEquity} is
 * {@code amount x (1 - stopLossPercent / 100)} rounded up to a cent: the copy stops when its equity
 * falls to it or below.
 */
@Revision("1")
public record CopyStartedEvent(CopyId copyId, UserId copier, String clientCopyId, AccountId fromAccountId,
                               AccountId copyAccountId, UserId leader, String leaderHandle, AccountId leaderAccountId,
                               Cash amount, BigDecimal stopLossPercent, Cash stopLossEquity, SizingMode sizing,
                               Cash amountPerTrade, boolean copyOpenPositions, Instant at) {
}
