package io.tandem.contracts.copy;

import io.tandem.contracts.common.Cash;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * Funds were added ({@code amount} positive) or removed (negative) under {@code transferId}. The net
 * invested amount and the stop-loss equity are recomputed with the same percentage.
 */
@Revision("1")
public record CopyFundsChangedEvent(CopyId copyId, String transferId, Cash amount, Cash netInvested,
                                    Cash stopLossEquity, Instant at) {
}
