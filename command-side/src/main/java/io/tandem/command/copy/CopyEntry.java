package io.tandem.command.copy;

import io.tandem.command.orderentry.OrderEntry.Caller;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.copy.CopyId;
import io.tandem.contracts.copy.CopyStatus;
import io.tandem.contracts.copy.SizingMode;
import io.tandem.contracts.orderbook.OrderResult;

import java.time.Instant;

/**
 * Copy entry: the door through which copiers start and manage copies (the REST API calls it). Each
 * call is one request transaction (as order entry's), so a refusal at any step leaves nothing behind
 * and cash moves between the copier's account and the COPY account atomically. Refusals are
 * {@code TandemException}s with a code. Only the copier (or an admin) manages a copy; to anyone else
 * a copy answers COPY_NOT_FOUND.
 */
public interface CopyEntry {

    /** Starts a copy, or answers a retried identical start with the copy as it is (COPY_CONFLICT for a different one). */
    CopyState start(StartCopy request);

    CopyState pause(Caller caller, CopyId copyId, Instant now);

    CopyState resume(Caller caller, CopyId copyId, Instant now);

    /**
     * Moves {@code amount} (a positive decimal) from the account the copy came from into its COPY
     * account, while the copy is ACTIVE or PAUSED; the resulting net invested amount may not exceed
     * {@code tandem.copy.max-amount} (AMOUNT_ABOVE_MAXIMUM). With a {@code clientRequestId} (1 to 64
     * characters {@code [A-Za-z0-9._:-]}, null for none) a retried request moves nothing again and
     * answers the copy as it is; the same id with another amount is COPY_CONFLICT.
     */
    CopyState addFunds(Caller caller, CopyId copyId, String amount, String clientRequestId, Instant now);

    /**
     * Moves {@code amount} of the COPY account's available (free) cash back to the account it came
     * from, while the copy is ACTIVE, PAUSED or STOPPING (a stop waiting for a buyer keeps only its
     * positions). The net invested amount must stay at least 0.01: profits beyond the net invested
     * amount come back when the copy stops. {@code clientRequestId} as for {@link #addFunds}.
     */
    CopyState removeFunds(Caller caller, CopyId copyId, String amount, String clientRequestId, Instant now);

    /** {@link #addFunds(Caller, CopyId, String, String, Instant)} without a client request id. */
    default CopyState addFunds(Caller caller, CopyId copyId, String amount, Instant now) {
        return addFunds(caller, copyId, amount, null, now);
    }

    /** {@link #removeFunds(Caller, CopyId, String, String, Instant)} without a client request id. */
    default CopyState removeFunds(Caller caller, CopyId copyId, String amount, Instant now) {
        return removeFunds(caller, copyId, amount, null, now);
    }

    /** Sells the copy's whole available position in {@code symbol} at market; NO_COPIED_POSITION when it holds none. */
    OrderResult closePosition(Caller caller, CopyId copyId, Symbol symbol, Instant now);

    /** Stops the copy: the copy engine sells every position, then returns the cash and closes it. */
    CopyState stop(Caller caller, CopyId copyId, Instant now);

    /**
     * @param sizing         PROPORTIONAL or FIXED_AMOUNT (then {@code amountPerTrade} is required, else it must be null)
     * @param stopLossPercent decimal 5 to 95, at most two decimals
     */
    record StartCopy(Caller caller, String clientCopyId, AccountId fromAccountId, String leaderHandle, String amount,
                     String stopLossPercent, SizingMode sizing, String amountPerTrade, boolean copyOpenPositions,
                     Instant now) {
    }

    record CopyState(CopyId copyId, AccountId copyAccountId, CopyStatus status, Cash netInvested) {
    }
}
