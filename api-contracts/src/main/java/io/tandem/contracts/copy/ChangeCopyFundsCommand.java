package io.tandem.contracts.copy;

import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Records funds added to ({@code amount} positive) or removed from (negative) an ACTIVE or PAUSED
 * copy (a STOPPING copy only gives free cash back); copy entry moves the cash between the accounts in
 * the same transaction, under the transfer id this command answers in {@link CopyAnswer#transferId()}.
 * Only the copier or an admin.
 * <p>
 * Idempotency: with a {@code clientRequestId} (the caller's id of this request, 1 to 64 characters
 * {@code [A-Za-z0-9._:-]}) the transfer id is {@link CopyIds#transfer(CopyId, String)} and the copy
 * remembers the request: the same id with the same amount again answers the copy with a null
 * transfer id (applied already, nothing to move), with another amount COPY_CONFLICT. Without one,
 * every command is a new change numbered by the copy ({@link CopyIds#transfer(CopyId, long)}).
 */
public record ChangeCopyFundsCommand(@TargetAggregateIdentifier CopyId copyId, UserId requestedBy, boolean admin,
                                     Cash amount, Instant at, String clientRequestId) {

    /** A change without a client request id (not idempotent across requests). */
    public ChangeCopyFundsCommand(CopyId copyId, UserId requestedBy, boolean admin, Cash amount, Instant at) {
        this(copyId, requestedBy, admin, amount, at, null);
    }
}
