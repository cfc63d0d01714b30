package io.tandem.contracts.copy;

import io.tandem.contracts.common.Cash;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * Funds were added ({@code amount} positive) or removed (negative) under {@code transferId}. The net
 * invested amount and the stop-loss equity are recomputed with the same percentage
 * ({@code netInvested x (100 - stopLossPercent) / 100}, rounded down to a cent, as in {@link CopyStartedEvent}).
 * {@code clientRequestId} is the caller's id of the request (null when it gave none); the copy
 * remembers it to answer a retried request. It was added to revision 1 before that revision was ever
 * released (nothing stored lacks it), so the revision stays 1; an event without it reads as null.
 */
@Revision("1")
public record CopyFundsChangedEvent(CopyId copyId, String transferId, Cash amount, Cash netInvested,
                                    Cash stopLossEquity, Instant at, String clientRequestId) {

    /** A change made without a client request id. */
    public CopyFundsChangedEvent(CopyId copyId, String transferId, Cash amount, Cash netInvested, Cash stopLossEquity,
                                 Instant at) {
        this(copyId, transferId, amount, netInvested, stopLossEquity, at, null);
    }
}
